/**
 * The occupational profile's part of a supervision copy (issue 19): read
 * from the profile document's current content, every text anonymised by the
 * copy's one text anonymiser (so a name gets the same placeholder as in the
 * plan and the notes), entry ids dropped, an assessment's date turned into a
 * week of the case. The former employers of the career history are known
 * organisations of the case ({@link profileOrganisations}).
 */
import type * as Y from 'yjs'
import type { z } from 'zod'
import { MetaMapName } from '../caseDocument/common.js'
import { ActionEntry, AssessmentEntry, CareerEntry, CompetenceKeys, OccupationEntry, profileSnapshot, ProfileCompetences, ProfileWishes, WishKeys } from '../caseDocument/profile.js'
import type { CopyProfile } from '../caseDocument/profileCopy.js'
import { Limits } from '../limits.js'
import type { ExtraIdentifier } from './identifiers.js'
import { weekOfIsoDate } from './relativeDates.js'

/** Anonymises one text of the copy at a path of its content. */
export type FieldAnonymiser = (value: string, path: Array<string | number>) => string

function safeSnapshot(doc: Y.Doc): Record<string, unknown> {
  try {
    const snapshot = profileSnapshot(doc)
    return typeof snapshot === 'object' && snapshot !== null ? (snapshot as Record<string, unknown>) : {}
  } catch {
    // A root of another Yjs type than the schema names (hand-made documents): nothing to copy.
    return {}
  }
}

function fitting<T>(schema: z.ZodType<T>, values: unknown): T[] {
  return (Array.isArray(values) ? values : []).flatMap((value) => {
    const parsed = schema.safeParse(value)
    return parsed.success ? [parsed.data] : []
  })
}

/** Whether a profile document holds anything (an unseeded or empty profile is left out of the copy). */
export function hasProfileContent(doc: Y.Doc): boolean {
  return [...doc.share.keys()].some((name) => name !== MetaMapName) && profileTexts(doc).some((text) => text.trim() !== '')
}

/** Every text of the profile, for detectors that look at the whole case before anything is replaced. */
export function profileTexts(doc: Y.Doc): string[] {
  const out: string[] = []
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      out.push(value)
    } else if (Array.isArray(value)) {
      value.forEach(collect)
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(collect)
    }
  }
  const { meta: _meta, ...rest } = safeSnapshot(doc)
  collect(rest)
  return out
}

/** The career history's former employers, as organisations the anonymiser replaces everywhere (Organisation A). */
export function profileOrganisations(doc: Y.Doc): ExtraIdentifier[] {
  return fitting(CareerEntry, safeSnapshot(doc).career)
    .map((entry) => entry.employer.trim())
    .filter((name) => name.length >= Limits.minIdentifierLength)
    .map((text) => ({ text, kind: 'organisation' as const }))
}

/** The profile as the copy holds it, every text through `field`. */
export function anonymiseProfile(doc: Y.Doc, field: FieldAnonymiser, startDate: string | undefined): CopyProfile {
  const snapshot = safeSnapshot(doc)
  const wishes = ProfileWishes.safeParse(snapshot.wishes)
  const competences = ProfileCompetences.safeParse(snapshot.competences)
  const texts = <K extends string>(keys: readonly K[], values: Partial<Record<K, string>>, group: string): Partial<Record<K, string>> =>
    Object.fromEntries(keys.flatMap((key) => (values[key] === undefined ? [] : [[key, field(values[key] ?? '', ['profile', group, key])]]))) as Partial<Record<K, string>>
  return {
    wishes: texts(WishKeys, wishes.success ? wishes.data : {}, 'wishes'),
    career: fitting(CareerEntry, snapshot.career).map((entry, index) => ({
      period: field(entry.period, ['profile', 'career', index, 'period']),
      occupation: field(entry.occupation, ['profile', 'career', index, 'occupation']),
      employer: field(entry.employer, ['profile', 'career', index, 'employer']),
      note: field(entry.note, ['profile', 'career', index, 'note']),
    })),
    actionPlan: fitting(ActionEntry, snapshot.actionPlan).map((entry, index) => ({
      goal: field(entry.goal, ['profile', 'actionPlan', index, 'goal']),
      measures: field(entry.measures, ['profile', 'actionPlan', index, 'measures']),
      horizon: entry.horizon,
      status: entry.status,
    })),
    competences: texts(CompetenceKeys, competences.success ? competences.data : {}, 'competences'),
    occupations: fitting(OccupationEntry, snapshot.occupations).map((entry, index) => ({
      title: field(entry.title, ['profile', 'occupations', index, 'title']),
      why: field(entry.why, ['profile', 'occupations', index, 'why']),
    })),
    assessments: fitting(AssessmentEntry, snapshot.assessments).map((entry, index) => {
      const week = weekOfIsoDate(entry.date, startDate)
      return {
        source: field(entry.source, ['profile', 'assessments', index, 'source']),
        ...(week !== undefined ? { week } : {}),
        text: field(entry.text, ['profile', 'assessments', index, 'text']),
      }
    }),
  }
}
