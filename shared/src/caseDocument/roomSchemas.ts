/**
 * What a room's document may hold, per room kind, for the relay's check of
 * what an update does (contract §8.2): which root types exist (and of what
 * Yjs type), and how the content of a touched root is validated. The relay
 * applies an update to a scratch copy, collects the changed paths
 * ({@link changedPaths}) and asks {@link checkChangedRoots}; the same zod
 * schemas read the documents on the client.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import type { RoomKind } from '../protocol/roomName.js'
import { InterimScheduleMonths, ReportLogMap } from '../report/parts.js'
import { agreementPartsIssues, PlanAgreementPartsMap } from './agreementParts.js'
import { MetaMapName } from './common.js'
import { ConfidentialContentFragment, ConfidentialMeta, type ConfidentialField } from './confidential.js'
import { NotesPhaseReturnsArray, PhaseReturn } from './phaseReturns.js'
import { FeasibilityCheck, NotesFeasibilityArray } from './feasibility.js'
import { HoursEntry, Meeting, NotesCommentsArray, NotesHoursArray, NotesMeetingsArray, NotesMeta, NotesReviewsMap, notesShapeIssues, Notes, Comment } from './notes.js'
import { Goal, isHoursBudgetDerived, Participant, PlanApproachFragment, PlanGoalsArray, PlanMeta, PlanParticipantsArray, planShapeIssues, planSnapshot } from './plan.js'
import { Limits } from '../limits.js'
import { profileRootSchema, profileShapeIssues, ProfileLists, ProfileTextMaps } from './profile.js'
import { NotesSupervisionIdentifiersArray, StoredExtraIdentifier } from './supervisionIdentifiers.js'
import { HoursLocks, NotesHoursLocksMap } from '../hoursProof/monthLock.js'
import { accompanimentRootSchemas, accompanimentShapeIssues, NotesIncidentsArray, NotesProgressScheduleMap, NotesSupportIntensityArray } from './accompaniment.js'
import { ExitForm, exitFormShapeIssues, NotesExitFormMap } from './exitForm.js'

/** The Yjs type a root must have. */
export type RootType = 'map' | 'array' | 'fragment'

/** One changed place of a document: the root and, in `meta`, the key below it. */
export interface DocPath {
  root: string
  /** The key directly below the root for map roots (`meta.title`), else undefined. */
  key?: string | undefined
}

/** Fragments the notes may hold beside the named roots: phase notes, meeting minutes, report parts. */
const notesFragmentPattern = /^(phase:(analysis|selfIntegration|intervention|stabilisation)|meeting:[A-Za-z0-9_-]{1,64}|report:(final|interim):[A-Za-z]{1,64})$/

const planRoots: Readonly<Record<string, RootType>> = {
  [MetaMapName]: 'map',
  [PlanGoalsArray]: 'array',
  [PlanParticipantsArray]: 'array',
  [PlanApproachFragment]: 'fragment',
  [PlanAgreementPartsMap]: 'map',
}

const notesRoots: Readonly<Record<string, RootType>> = {
  [MetaMapName]: 'map',
  [NotesReviewsMap]: 'map',
  [NotesMeetingsArray]: 'array',
  [NotesHoursArray]: 'array',
  [NotesCommentsArray]: 'array',
  [NotesSupervisionIdentifiersArray]: 'array',
  [ReportLogMap]: 'map',
  [NotesPhaseReturnsArray]: 'array',
  [NotesHoursLocksMap]: 'map',
  [NotesFeasibilityArray]: 'array',
  [NotesSupportIntensityArray]: 'array',
  [NotesProgressScheduleMap]: 'map',
  [NotesIncidentsArray]: 'array',
  [NotesExitFormMap]: 'map',
}

const profileRoots: Readonly<Record<string, RootType>> = {
  [MetaMapName]: 'map',
  ...Object.fromEntries(Object.keys(ProfileTextMaps).map((name) => [name, 'map' as const])),
  ...Object.fromEntries(Object.keys(ProfileLists).map((name) => [name, 'array' as const])),
}

/** The Yjs type of a root name in a room kind, or undefined when the schema does not name it. */
export function rootTypeOf(kind: RoomKind, name: string): RootType | undefined {
  switch (kind) {
    case 'plan':
      return planRoots[name]
    case 'notes':
      return notesRoots[name] ?? (notesFragmentPattern.test(name) ? 'fragment' : undefined)
    case 'profile':
      return profileRoots[name]
    case 'confidential':
      return name === MetaMapName ? 'map' : name === ConfidentialContentFragment ? 'fragment' : undefined
    case 'supervisionDiscussion':
      return name === 'discussion' ? 'fragment' : undefined
    case 'supervisionCopy':
      // Frozen: written only by the server, never through the relay.
      return undefined
  }
}

/** Any shared type (Yjs types are parameterised by their event type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>

/** Whether a root has the Yjs type its name calls for (a map root holds no list items, a list root no keys). */
function rootHasType(type: AnyType, expected: RootType): boolean {
  switch (expected) {
    case 'map':
      return !hasLiveListItems(type)
    case 'array':
    case 'fragment':
      return !hasLiveKeys(type)
  }
}

// Deleted entries do not count: a restore (restoreDoc.ts) empties what a
// broken document held in the wrong shape or under a root the schema does
// not name, and a root type never leaves a loaded document.
function hasLiveListItems(type: AnyType): boolean {
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted) {
      return true
    }
  }
  return false
}

function hasLiveKeys(type: AnyType): boolean {
  for (const item of type._map.values()) {
    if (!item.deleted) {
      return true
    }
  }
  return false
}

/** The name under which each root type of the document is shared. */
function rootNames(doc: Y.Doc): Map<AnyType, string> {
  const names = new Map<AnyType, string>()
  doc.share.forEach((type, name) => names.set(type, name))
  return names
}

/**
 * The places an update changed, from a transaction's `changed` map (types
 * that existed before and changed, with the changed map keys). A change deep
 * inside a root is reported at the root, or at `meta.<key>` for the meta map.
 */
export function changedPaths(doc: Y.Doc, changed: ReadonlyMap<AnyType, ReadonlySet<string | null>>): DocPath[] {
  const names = rootNames(doc)
  const paths = new Map<string, DocPath>()
  const add = (path: DocPath): void => {
    paths.set(`${path.root}\u0000${path.key ?? ''}`, path)
  }
  for (const [type, keys] of changed) {
    let current: AnyType = type
    let keyBelowRoot: string | null = null
    let directKeys: ReadonlySet<string | null> | null = keys
    while (current._item !== null) {
      keyBelowRoot = current._item.parentSub
      directKeys = null
      current = current._item.parent as AnyType
    }
    const root = names.get(current) ?? '(unnamed)'
    if (root !== MetaMapName) {
      add({ root })
    } else if (directKeys) {
      for (const key of directKeys) {
        add({ root, key: key ?? undefined })
      }
    } else {
      add({ root, key: keyBelowRoot ?? undefined })
    }
  }
  return [...paths.values()]
}

/** Why a change was refused. */
export interface SchemaRefusal {
  reason: 'unknownRoot' | 'schemaVersion' | 'derivedBudget' | 'hoursLocked' | 'invalid'
  detail: string
}

function issuesOf(result: z.ZodSafeParseResult<unknown>, prefix: string): string[] {
  return result.success ? [] : result.error.issues.map((issue) => `${prefix}${issue.path.length > 0 ? '.' : ''}${issue.path.join('.')}: ${issue.message}`)
}

/** Validates the content of one touched root of a room kind; returns issues (empty: fine). */
function rootIssues(kind: RoomKind, doc: Y.Doc, root: string, field: ConfidentialField | undefined): string[] {
  if (rootTypeOf(kind, root) === 'fragment') {
    return []
  }
  switch (kind) {
    case 'plan': {
      if (root === PlanAgreementPartsMap) {
        return agreementPartsIssues(doc)
      }
      const snapshot = planSnapshot(doc) as Record<string, unknown>
      const shape = planShapeIssues(doc).filter((issue) => issue.startsWith(`${root}.`))
      const schema = root === MetaMapName ? PlanMeta : root === PlanGoalsArray ? z.array(Goal).max(Limits.maxGoals) : z.array(Participant).max(Limits.maxParticipants)
      return [...shape, ...issuesOf(schema.safeParse(snapshot[root]), root)]
    }
    case 'notes': {
      const value = notesRoots[root] === 'map' ? doc.getMap(root).toJSON() : doc.getArray(root).toJSON()
      const shape = [...notesShapeIssues(doc), ...accompanimentShapeIssues(doc), ...exitFormShapeIssues(doc)].filter((issue) => issue.startsWith(`${root}.`))
      return [...shape, ...issuesOf(notesRootSchema(root).safeParse(value), root)]
    }
    case 'profile': {
      const value = rootTypeOf(kind, root) === 'array' ? doc.getArray(root).toJSON() : doc.getMap(root).toJSON()
      const shape = profileShapeIssues(doc).filter((issue) => issue.startsWith(`${root}.`))
      return [...shape, ...issuesOf(profileRootSchema(root).safeParse(value), root)]
    }
    case 'confidential': {
      const issues = issuesOf(ConfidentialMeta.safeParse(doc.getMap(MetaMapName).toJSON()), root)
      if (field !== undefined && doc.getMap(MetaMapName).get('field') !== field) {
        issues.push('meta.field: does not name this room')
      }
      return issues
    }
    case 'supervisionDiscussion':
    case 'supervisionCopy':
      return [`${root}: not writable`]
  }
}

const ReportLog = z.object({
  interimLastDate: z.iso.date().optional(),
  interimFirstAfterMonths: z.number().int().min(InterimScheduleMonths.min).max(InterimScheduleMonths.max).optional(),
  interimEveryMonths: z.number().int().min(InterimScheduleMonths.min).max(InterimScheduleMonths.max).optional(),
  /** Issue 19: the funder asks for an assessment of Vermittlungsfähigkeit (Swiss flow only, see report/templates.ts). */
  employabilityRequested: z.boolean().optional(),
})

function notesRootSchema(root: string): z.ZodType<unknown> {
  switch (root) {
    case MetaMapName:
      return NotesMeta
    case NotesReviewsMap:
      return Notes.shape.reviews
    case NotesMeetingsArray:
      return z.array(Meeting)
    case NotesHoursArray:
      return z.array(HoursEntry)
    case NotesCommentsArray:
      return z.array(Comment)
    case NotesSupervisionIdentifiersArray:
      return z.array(StoredExtraIdentifier)
    case ReportLogMap:
      return ReportLog
    case NotesPhaseReturnsArray:
      return z.array(PhaseReturn).max(Limits.maxPhaseReturns)
    case NotesHoursLocksMap:
      return HoursLocks
    case NotesFeasibilityArray:
      return z.array(FeasibilityCheck).max(Limits.maxFeasibilityChecks)
    case NotesExitFormMap:
      return ExitForm
    default:
      return accompanimentRootSchemas[root] ?? z.never()
  }
}

/**
 * Issue 18: the plan's hours budget follows from the case's approvals. The
 * server marks it so (meta.hoursBudgetSource) and writes both keys; a
 * client may write neither while the mark is there. The mark lives in the
 * document, so every relay process and an offline client judge alike.
 */
function derivedBudgetRefusal(kind: RoomKind, doc: Y.Doc, paths: readonly DocPath[]): SchemaRefusal | null {
  if (kind !== 'plan') {
    return null
  }
  const touches = (key: string): boolean => paths.some((path) => path.root === MetaMapName && path.key === key)
  if (touches('hoursBudgetSource')) {
    return { reason: 'derivedBudget', detail: 'meta.hoursBudgetSource is written by the server only' }
  }
  if (touches('hoursBudget') && isHoursBudgetDerived(doc.getMap(MetaMapName))) {
    return { reason: 'derivedBudget', detail: 'meta.hoursBudget follows from the approvals of the case' }
  }
  return null
}

/**
 * Checks a document after an update against its room's schema: every root
 * is one the schema names and of its type; `meta.schemaVersion` is not
 * changed (only the server migrates); every touched non-rich-text root
 * validates. Untouched roots are not judged, so a document broken before
 * (repaired by restoring a version) still accepts unrelated edits.
 */
export function checkChangedRoots(
  kind: RoomKind,
  doc: Y.Doc,
  paths: readonly DocPath[],
  options: { field?: ConfidentialField | undefined } = {},
): SchemaRefusal | null {
  for (const [name, type] of doc.share) {
    const expected = rootTypeOf(kind, name)
    if (expected === undefined && (hasLiveKeys(type) || hasLiveListItems(type))) {
      return { reason: 'unknownRoot', detail: `root "${name.slice(0, 80)}" is not part of the ${kind} schema` }
    }
    if (expected !== undefined && !rootHasType(type, expected)) {
      return { reason: 'invalid', detail: `root "${name}" is not a ${expected}` }
    }
  }
  if (paths.some((path) => path.root === MetaMapName && path.key === 'schemaVersion')) {
    return { reason: 'schemaVersion', detail: 'meta.schemaVersion is written by the server only' }
  }
  // Issue 18: months are locked by the server when a proof of hours is confirmed, never by a client.
  if (kind === 'notes' && paths.some((path) => path.root === NotesHoursLocksMap)) {
    return { reason: 'hoursLocked', detail: 'hoursLocks is written by the server only' }
  }
  const derived = derivedBudgetRefusal(kind, doc, paths)
  if (derived !== null) {
    return derived
  }
  for (const root of new Set(paths.map((path) => path.root))) {
    const issues = rootIssues(kind, doc, root, options.field)
    if (issues.length > 0) {
      return { reason: 'invalid', detail: issues.slice(0, 3).join('; ') }
    }
  }
  return null
}
