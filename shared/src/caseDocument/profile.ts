/**
 * The occupational profile document (room `cases/<caseId>/profile`, issue 19
 * points 3 and 4), schema v1: the Vorabklärung (A2 of the Swiss
 * qualification profile) and the Berufsprofil / Kompetenzbilanz (A3). Coaches
 * and the coachee write it together; the employer never receives it; a
 * supervision group sees it only anonymised, in a copy.
 *
 * Root types (every free text a Y.Text, so two people typing both keep what
 * they typed, contract §8.1):
 * - `meta` Y.Map {schemaVersion}
 * - `wishes` Y.Map of Y.Text: interests, kindOfWork, place, wage, workload (A2: the person's wishes)
 * - `career` Y.Array of Y.Map {id, period, occupation, employer, note} (A2: career history)
 * - `actionPlan` Y.Array of Y.Map {id, goal, measures, horizon, status} (A2: Handlungsplan)
 * - `competences` Y.Map of Y.Text: strengths, resources, restrictions, perspectives (A3)
 * - `occupations` Y.Array of Y.Map {id, title, why} (A3: occupations that fit)
 * - `assessments` Y.Array of Y.Map {id, source, date?, text} (A3: experts' assessments)
 *
 * Health facts (diagnosis, medication, health-related restrictions) are never
 * written here: they stay in the consent-gated confidential fields (contract
 * §3.2). `restrictions` are work-related limits in the person's words.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import { arrayOfMapsToJSON, MetaMapName, readWithSchema, type ReadResult } from './common.js'
import { mapWithTexts, newText, setTextIn, textIn, textShapeIssues } from './textFields.js'

/** Numbered profile schema versions (a new version adds a migration step and a test). */
export const profileVersions = { Initial: 1 } as const
/** The profile schema version this code writes and reads. */
export const ProfileSchemaVersion = profileVersions.Initial

export const ProfileWishesMap = 'wishes'
export const ProfileCareerArray = 'career'
export const ProfileActionPlanArray = 'actionPlan'
export const ProfileCompetencesMap = 'competences'
export const ProfileOccupationsArray = 'occupations'
export const ProfileAssessmentsArray = 'assessments'

/** Keys of the wishes map (A2), each a Y.Text. */
export const WishKeys = ['interests', 'kindOfWork', 'place', 'wage', 'workload'] as const
export type WishKey = (typeof WishKeys)[number]
/** Keys of the competences map (A3), each a Y.Text. */
export const CompetenceKeys = ['strengths', 'resources', 'restrictions', 'perspectives'] as const
export type CompetenceKey = (typeof CompetenceKeys)[number]

export const CareerTextKeys = ['period', 'occupation', 'employer', 'note'] as const
export const ActionTextKeys = ['goal', 'measures'] as const
export const OccupationTextKeys = ['title', 'why'] as const
export const AssessmentTextKeys = ['source', 'text'] as const

/** Short, medium or long term (the A3 text: kurz-, mittel- und langfristige Ziele). */
export const ActionHorizons = ['short', 'medium', 'long'] as const
export const ActionStatuses = ['open', 'done', 'dropped'] as const

const text = z.string().max(Limits.maxProfileTextLength)
const entryId = z.string().min(1).max(64)

export const ProfileMeta = z.object({ schemaVersion: z.literal(ProfileSchemaVersion) })

export const ProfileWishes = z.object(Object.fromEntries(WishKeys.map((key) => [key, text.optional()])) as Record<WishKey, z.ZodOptional<typeof text>>)
export type ProfileWishes = z.infer<typeof ProfileWishes>

export const ProfileCompetences = z.object(
  Object.fromEntries(CompetenceKeys.map((key) => [key, text.optional()])) as Record<CompetenceKey, z.ZodOptional<typeof text>>,
)
export type ProfileCompetences = z.infer<typeof ProfileCompetences>

export const CareerEntry = z.object({ id: entryId, period: text, occupation: text, employer: text, note: text })
export type CareerEntry = z.infer<typeof CareerEntry>

export const ActionEntry = z.object({ id: entryId, goal: text, measures: text, horizon: z.enum(ActionHorizons), status: z.enum(ActionStatuses) })
export type ActionEntry = z.infer<typeof ActionEntry>

export const OccupationEntry = z.object({ id: entryId, title: text, why: text })
export type OccupationEntry = z.infer<typeof OccupationEntry>

export const AssessmentEntry = z.object({ id: entryId, source: text, date: z.iso.date().optional(), text })
export type AssessmentEntry = z.infer<typeof AssessmentEntry>

const list = <T extends z.ZodType>(entry: T): z.ZodArray<T> => z.array(entry).max(Limits.maxProfileEntries)

export const Profile = z.object({
  meta: ProfileMeta,
  wishes: ProfileWishes,
  career: list(CareerEntry),
  actionPlan: list(ActionEntry),
  competences: ProfileCompetences,
  occupations: list(OccupationEntry),
  assessments: list(AssessmentEntry),
})
export type Profile = z.infer<typeof Profile>

/** The list roots: their entry schema and which keys are Y.Text. */
export const ProfileLists = {
  [ProfileCareerArray]: { entry: CareerEntry, textKeys: CareerTextKeys },
  [ProfileActionPlanArray]: { entry: ActionEntry, textKeys: ActionTextKeys },
  [ProfileOccupationsArray]: { entry: OccupationEntry, textKeys: OccupationTextKeys },
  [ProfileAssessmentsArray]: { entry: AssessmentEntry, textKeys: AssessmentTextKeys },
} as const
export type ProfileListName = keyof typeof ProfileLists

/** The text maps: their keys. */
export const ProfileTextMaps = {
  [ProfileWishesMap]: WishKeys,
  [ProfileCompetencesMap]: CompetenceKeys,
} as const
export type ProfileTextMapName = keyof typeof ProfileTextMaps

/** The root schema of one root of the profile (for the relay's check of a touched root). */
export function profileRootSchema(root: string): z.ZodType<unknown> {
  switch (root) {
    case MetaMapName:
      return ProfileMeta
    case ProfileWishesMap:
      return ProfileWishes.strict()
    case ProfileCompetencesMap:
      return ProfileCompetences.strict()
    case ProfileCareerArray:
    case ProfileActionPlanArray:
    case ProfileOccupationsArray:
    case ProfileAssessmentsArray:
      return list(ProfileLists[root].entry.strict())
    default:
      return z.never()
  }
}

/** A text map of the profile. */
export function profileTextMap(doc: Y.Doc, name: ProfileTextMapName): Y.Map<unknown> {
  return doc.getMap(name)
}

/** A list of the profile, one Y.Map per entry. */
export function profileList(doc: Y.Doc, name: ProfileListName): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(name)
}

/**
 * Writes the initial content of a new profile: the version and every text of
 * the two maps, so two people typing the first letters into a field do not
 * each create a Y.Text under the same key (one would lose what they typed).
 */
export function initProfileDoc(doc: Y.Doc): void {
  doc.transact(() => {
    doc.getMap(MetaMapName).set('schemaVersion', ProfileSchemaVersion)
    for (const [name, keys] of Object.entries(ProfileTextMaps)) {
      const map = doc.getMap(name)
      for (const key of keys) {
        map.set(key, newText(''))
      }
    }
  })
}

/** The Y.Text of one field of a text map (for binding to an input). */
export function profileMapText(doc: Y.Doc, name: ProfileTextMapName, key: string): Y.Text | undefined {
  return textIn(profileTextMap(doc, name), key)
}

/** Sets one field of a text map (merging). */
export function setProfileMapText(doc: Y.Doc, name: ProfileTextMapName, key: string, value: string): void {
  setTextIn(profileTextMap(doc, name), key, value)
}

/** A new, empty entry of a list. */
export function emptyProfileEntry(name: ProfileListName, id: string): Record<string, string> {
  const entry: Record<string, string> = { id }
  for (const key of ProfileLists[name].textKeys) {
    entry[key] = ''
  }
  if (name === ProfileActionPlanArray) {
    entry.horizon = 'short'
    entry.status = 'open'
  }
  return entry
}

/** Appends an entry (its texts as Y.Text). */
export function addProfileEntry(doc: Y.Doc, name: ProfileListName, entry: Record<string, unknown>): void {
  profileList(doc, name).push([mapWithTexts(entry, ProfileLists[name].textKeys)])
}

/** Finds an entry's map by id. */
export function findProfileEntry(doc: Y.Doc, name: ProfileListName, id: string): Y.Map<unknown> | undefined {
  return profileList(doc, name)
    .toArray()
    .find((entry) => entry instanceof Y.Map && entry.get('id') === id)
}

/** Sets one field of an entry: a text merges in place, a scalar is set, `undefined` deletes it. */
export function setProfileEntryField(doc: Y.Doc, name: ProfileListName, id: string, key: string, value: string | undefined): void {
  const entry = findProfileEntry(doc, name, id)
  if (!entry) {
    return
  }
  if ((ProfileLists[name].textKeys as readonly string[]).includes(key)) {
    setTextIn(entry, key, value ?? '')
  } else if (value === undefined) {
    entry.delete(key)
  } else {
    entry.set(key, value)
  }
}

/** Removes an entry; no-op when it is already gone (a concurrent delete). */
export function removeProfileEntry(doc: Y.Doc, name: ProfileListName, id: string): void {
  const list = profileList(doc, name)
  const index = list.toArray().findIndex((entry) => entry instanceof Y.Map && entry.get('id') === id)
  if (index >= 0) {
    list.delete(index, 1)
  }
}

/** Where a Yjs type differs from the schema (a plain string where a Y.Text belongs): the JSON cannot show it. */
export function profileShapeIssues(doc: Y.Doc): string[] {
  const issues: string[] = []
  for (const [name, keys] of Object.entries(ProfileTextMaps)) {
    issues.push(...textShapeIssues(doc.getMap(name), keys, name))
  }
  for (const [name, { textKeys }] of Object.entries(ProfileLists)) {
    doc.getArray(name).forEach((entry, index) => {
      if (entry instanceof Y.Map) {
        issues.push(...textShapeIssues(entry as Y.Map<unknown>, textKeys, `${name}.${index}`))
      }
    })
  }
  return issues
}

/** A plain snapshot of the profile. */
export function profileSnapshot(doc: Y.Doc): unknown {
  const snapshot: Record<string, unknown> = { meta: doc.getMap(MetaMapName).toJSON() }
  for (const name of Object.keys(ProfileTextMaps)) {
    snapshot[name] = doc.getMap(name).toJSON()
  }
  for (const name of Object.keys(ProfileLists)) {
    snapshot[name] = arrayOfMapsToJSON(doc.getArray(name))
  }
  return snapshot
}

/** Reads and validates the profile; never throws. */
export function readProfile(doc: Y.Doc): ReadResult<Profile> {
  try {
    return readWithSchema(doc, profileSnapshot(doc), Profile, ProfileSchemaVersion, () => profileShapeIssues(doc))
  } catch (err) {
    // A root name already used with another Yjs type throws in getMap/getArray.
    return { ok: false, reason: 'invalid', issues: [`(root): ${err instanceof Error ? err.message : String(err)}`] }
  }
}
