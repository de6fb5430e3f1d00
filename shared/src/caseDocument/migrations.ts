/**
 * Schema migrations of the case documents, one named step per version
 * (contract §8.1; tldraw's numbered migration sequences). Only the server
 * runs them, when it loads a room, before any client syncs, with a Yjs client
 * id of its own; clients never migrate (two clients migrating offline would
 * each replace every text, and one of them would lose what the other typed).
 */
import * as Y from 'yjs'
import { MetaMapName, schemaVersionOf } from './common.js'
import { notesReviews, notesVersions, OutcomeTextKeys } from './notes.js'
import { GoalTextKeys, ParticipantTextKeys, PlanMetaTextKeys, planGoals, planMeta, planParticipants, planVersions } from './plan.js'
import { roleFromLegacyText } from './participantRoles.js'
import { newText } from './textFields.js'

/** The document kinds that have migrations. */
export type MigratedDocKind = 'plan' | 'notes'

interface MigrationStep {
  /** The version this step migrates from (to `from + 1`). */
  from: number
  run: (doc: Y.Doc) => void
}

/** Replaces each plain-string value under `keys` by a Y.Text with the same content. */
function textsToYText(map: Y.Map<unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    const value = map.get(key)
    if (typeof value === 'string') {
      map.set(key, newText(value))
    }
  }
}

function forEachMap<T>(array: Y.Array<T>, run: (map: Y.Map<unknown>) => void): void {
  for (const entry of array.toArray()) {
    if (entry instanceof Y.Map) {
      run(entry as Y.Map<unknown>)
    }
  }
}

/** Plan v1 -> v2: every free-text value becomes a Y.Text (title, employer, workplace, goal and participant texts). */
function planTextFields(doc: Y.Doc): void {
  const meta = planMeta(doc)
  textsToYText(meta, PlanMetaTextKeys)
  // Missing texts are created empty here, once, by the server (see initPlanDoc).
  for (const key of PlanMetaTextKeys) {
    if (!meta.has(key)) {
      meta.set(key, newText(''))
    }
  }
  forEachMap(planGoals(doc), (goal) => textsToYText(goal, GoalTextKeys))
  forEachMap(planParticipants(doc), (participant) => textsToYText(participant, ParticipantTextKeys))
  planMeta(doc).set('schemaVersion', planVersions.TextFields)
}

/**
 * Plan v2 -> v3 (issue 16): a participant's free-text role becomes its
 * function (a Y.Text), and its role one of the list — `member` for a
 * participant that names a member, else what the old text names, else
 * `other`. The old words stay readable as the function.
 */
function planParticipantRoles(doc: Y.Doc): void {
  forEachMap(planParticipants(doc), (participant) => {
    const old = participant.get('role')
    const text = old instanceof Y.Text ? old.toString() : typeof old === 'string' ? old : ''
    if (!(participant.get('function') instanceof Y.Text)) {
      participant.set('function', newText(text))
    }
    participant.set('role', typeof participant.get('memberId') === 'string' ? 'member' : roleFromLegacyText(text))
  })
  planMeta(doc).set('schemaVersion', planVersions.ParticipantRoles)
}

/** Notes v1 -> v2: review notes and the outcome's texts become Y.Text; the outcome a map. */
function notesTextFields(doc: Y.Doc): void {
  const meta = doc.getMap<unknown>(MetaMapName)
  const outcome = meta.get('outcome')
  if (outcome !== null && typeof outcome === 'object' && !(outcome instanceof Y.AbstractType)) {
    const record = outcome as Record<string, unknown>
    const map = new Y.Map<unknown>()
    map.set('kind', record.kind)
    for (const key of OutcomeTextKeys) {
      map.set(key, newText(typeof record[key] === 'string' ? record[key] : ''))
    }
    meta.set('outcome', map)
  }
  notesReviews(doc).forEach((phaseMap) => {
    if (phaseMap instanceof Y.Map) {
      phaseMap.forEach((review) => {
        if (review instanceof Y.Map) {
          textsToYText(review, ['note'])
        }
      })
    }
  })
  meta.set('schemaVersion', notesVersions.TextFields)
}

const stepsByKind: Readonly<Record<MigratedDocKind, readonly MigrationStep[]>> = {
  plan: [
    { from: planVersions.Initial, run: planTextFields },
    { from: planVersions.TextFields, run: planParticipantRoles },
  ],
  notes: [{ from: notesVersions.Initial, run: notesTextFields }],
}

/** Whether a document is of an older schema that {@link migrateDoc} brings up to date. */
export function needsMigration(kind: MigratedDocKind, doc: Y.Doc): boolean {
  const version = schemaVersionOf(doc)
  return stepsByKind[kind].some((step) => step.from === version)
}

/**
 * Migrates a document in place to the current schema, one transaction per
 * step; returns the versions it went through (empty when there was nothing
 * to do: an empty, current or unknown document).
 */
export function migrateDoc(kind: MigratedDocKind, doc: Y.Doc, origin: unknown = null): number[] {
  const passed: number[] = []
  for (;;) {
    const version = schemaVersionOf(doc)
    const step = stepsByKind[kind].find((candidate) => candidate.from === version)
    if (!step) {
      return passed
    }
    doc.transact(() => step.run(doc), origin)
    passed.push(step.from)
  }
}
