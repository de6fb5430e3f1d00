import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Phases } from '../../../../shared/src/caseDocument/plan.js'
import { schemaVersionOf } from '../../../../shared/src/caseDocument/common.js'
import { NotesSchemaVersion } from '../../../../shared/src/caseDocument/notes.js'
import { useYMap } from '../../hooks/useYVersion.js'
import type { CaseRoom } from '../../sync/CaseRoom.js'
import { useUser } from '../AuthContext.js'
import { CommentedPhaseEditor } from './comments/PhaseComments.js'
import { DocProblem } from './DocProblem.js'

export interface NotesEditorProps {
  room: CaseRoom
  localLoaded: boolean
  caretUser: { name: string; color: string }
  /** Whether the caller may edit now (follows access changes in place). */
  writable: boolean
}

/** Four rich-text editors, one per phase (Phasennotizen), each with the tandem's comments beside it. */
export function NotesEditor({ room, localLoaded, caretUser, writable }: NotesEditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const user = useUser()
  const me = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name])
  const { doc, provider } = room
  // Re-render when `meta` (schemaVersion) arrives with the first sync.
  useYMap(useMemo(() => doc.getMap('meta'), [doc]))
  const version = schemaVersionOf(doc)
  if (version === undefined) {
    return localLoaded ? <DocProblem reason="empty" issues={[]} testId="notes.problem" /> : <p role="status">{t('app.loading')}</p>
  }
  // The phase notes are the same fragments in v1 and v2: a local v1 copy the
  // server has not migrated yet is shown as it is.
  if (typeof version !== 'number' || version > NotesSchemaVersion) {
    return (
      <DocProblem
        reason={typeof version !== 'number' ? 'invalid' : version > NotesSchemaVersion ? 'newerSchema' : 'olderSchema'}
        issues={[`schemaVersion ${String(version)}`]}
        testId="notes.problem"
        room={room}
      />
    )
  }
  return (
    <div className="notes" data-testid="notes.editors">
      {writable ? null : <p className="badge">{t('case.readOnly')}</p>}
      {Phases.map((phase) => (
        <section key={phase} aria-labelledby={`${id}-${phase}`} className="phase">
          <h3 id={`${id}-${phase}`}>{t(`phases.${phase}`)}</h3>
          <CommentedPhaseEditor
            doc={doc}
            provider={provider}
            phase={phase}
            caretUser={caretUser}
            me={me}
            writable={writable}
            labelledBy={`${id}-${phase}`}
            label={t(`phases.${phase}`)}
          />
        </section>
      ))}
    </div>
  )
}
