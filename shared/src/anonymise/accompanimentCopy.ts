/**
 * Anonymises the accompaniment and the Austrittsformular for a supervision
 * copy (issue 19): every text through the case's anonymiser (the same
 * placeholders as the rest of the copy), dates as weeks of the case, no coach
 * ids, new ids.
 */
import type * as Y from 'yjs'
import { readIncidents, readProgressInterval, readSupportIntensity } from '../caseDocument/accompaniment.js'
import type { CopyAccompaniment } from '../caseDocument/accompanimentCopy.js'
import { readExitForm } from '../caseDocument/exitForm.js'
import { weekOfIsoDate } from './relativeDates.js'

/** Anonymises one text at a path of the copy (the case anonymiser's `field`). */
export type FieldAnonymiser = (value: string, path: Array<string | number>) => string

export function anonymiseAccompaniment(notes: Y.Doc, field: FieldAnonymiser, startDate: string | undefined): CopyAccompaniment {
  const supportIntensity = readSupportIntensity(notes).map((entry, index) => {
    const fromWeek = weekOfIsoDate(entry.from, startDate)
    return {
      ...(fromWeek !== undefined ? { fromWeek } : {}),
      level: entry.level,
      ...(entry.hoursPerWeek !== undefined ? { hoursPerWeek: entry.hoursPerWeek } : {}),
      note: field(entry.note, ['supportIntensity', index, 'note']),
    }
  })
  // Oldest first in a copy, as a supervision group reads the course of a case.
  const incidents = [...readIncidents(notes)].reverse().map((incident, index) => {
    const week = weekOfIsoDate(incident.date, startDate)
    return {
      id: `incident-${index + 1}`,
      ...(week !== undefined ? { week } : {}),
      kind: incident.kind,
      description: field(incident.description, ['incidents', index, 'description']),
      reportedTo: field(incident.reportedTo, ['incidents', index, 'reportedTo']),
      followUps: incident.followUps.map((followUp, followUpIndex) => {
        const dueWeek = followUp.due === undefined ? undefined : weekOfIsoDate(followUp.due, startDate)
        return {
          text: field(followUp.text, ['incidents', index, 'followUps', followUpIndex, 'text']),
          ...(dueWeek !== undefined ? { dueWeek } : {}),
          done: followUp.done,
        }
      }),
    }
  })
  const exit = readExitForm(notes)
  const progressEveryWeeks = readProgressInterval(notes)
  const exitWeek = exit.date === undefined ? undefined : weekOfIsoDate(exit.date, startDate)
  return {
    supportIntensity,
    incidents,
    exitForm: {
      ...(exitWeek !== undefined ? { week: exitWeek } : {}),
      ...(exit.reason ? { reason: exit.reason } : {}),
      ...(exit.followUps ? { followUps: exit.followUps } : {}),
      ...(exit.otherFollowUp !== undefined ? { otherFollowUp: field(exit.otherFollowUp, ['exitForm', 'otherFollowUp']) } : {}),
      ...(exit.handover !== undefined ? { handover: field(exit.handover, ['exitForm', 'handover']) } : {}),
    },
    ...(progressEveryWeeks !== undefined ? { progressEveryWeeks } : {}),
  }
}

/** The accompaniment's texts, for the detectors that look at the whole case first. */
export function accompanimentTexts(notes: Y.Doc): string[] {
  const exit = readExitForm(notes)
  return [
    ...readSupportIntensity(notes).map((entry) => entry.note),
    ...readIncidents(notes).flatMap((incident) => [incident.description, incident.reportedTo, ...incident.followUps.map((followUp) => followUp.text)]),
    exit.otherFollowUp ?? '',
    exit.handover ?? '',
  ]
}
