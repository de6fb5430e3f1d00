import { useTranslation } from 'react-i18next'
import type { NotesDiff } from '../../../../../shared/src/versions/notesDiff.js'
import { changeSuffix, DiffList } from './DiffList.js'

/**
 * What changed in the phase notes (coaches): texts word by word, then
 * meetings, hours and phase reviews as lists of changed entries.
 */
export function NotesDiffView({ diff }: { diff: NotesDiff }) {
  const { t } = useTranslation()
  const textLabel = (name: string): string => {
    const [kind, first, second] = name.split(':')
    if (kind === 'phase' && first) {
      return t('versions.diff.field.phaseNotes', { phase: t(`phases.${first}`) })
    }
    if (kind === 'meeting') {
      return t('versions.diff.field.meeting')
    }
    if (kind === 'report') {
      return t('versions.diff.field.report', { part: second ?? first ?? '' })
    }
    const outcome = { 'outcome.kind': 'outcomeKind', 'outcome.how': 'outcomeHow', 'outcome.why': 'outcomeWhy' }[name]
    return outcome ? t(`versions.diff.field.${outcome}`) : name
  }
  const entryField = (field: string): string => t(`versions.diff.field.${field}`)
  const badge = ({ change }: { change: 'added' | 'removed' | 'changed' }): string => t(`versions.diff.entry${changeSuffix(change)}`)
  return (
    <DiffList
      changed={diff.changed}
      sections={[
        { key: 'texts', heading: t('versions.diff.texts'), fields: diff.texts, label: textLabel },
        { key: 'meetings', heading: t('versions.diff.meetings'), entries: diff.meetings, label: entryField, badge },
        { key: 'hours', heading: t('versions.diff.hours'), entries: diff.hours, label: entryField, badge },
        { key: 'reviews', heading: t('versions.diff.reviews'), entries: diff.reviews, label: entryField, badge },
      ]}
    />
  )
}
