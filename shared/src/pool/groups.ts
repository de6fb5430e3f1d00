/**
 * The pool's three groups (Jobcoach-Pool Niedersachsen, "Anerkennungs- und
 * Übergangsregelungen"), as requirements that are met or missing:
 *
 * 1. full standard: a completed, recognised Jobcoaching training (LWL, LVR,
 *    LWV, BAG UB; at least 160 UE with an exam) (1a) and a prior
 *    professional qualification (1b);
 * 2. comparable: a systemic training of at least 160 UE, a master's degree
 *    or co-development of a recognised training (2a), five completed
 *    JobcoachingAP cases confirmed by an Integrationsamt or five anonymised
 *    final reports (2b), two years of relevant experience proven by an
 *    Arbeitszeugnis (2c), and 1b (2d);
 * 3. transitional: a recognised training in progress or starting with the
 *    next cohort (3a), 2c and 1b — only until the transitional rule ends.
 *
 * Every group also needs the questionnaire "Jobcoaching". A requirement that
 * a document proves counts only once the office confirmed an evidence item
 * of that kind: the applicant's own statement is not enough. An anonymised
 * final report Fallbuch made from a closed case of the applicant's counts by
 * itself ({@link evidenceCounts}).
 */
import type { EvidenceItem, EvidenceKind, PoolForm, PoolGroup } from '../api/pool.js'

/** The last day of the transitional rule of group 3 ("gültig bis Ende 2025"). */
export const TransitionalRuleEndsOn = '2025-12-31'

/** At least this many teaching units (UE) of a training count. */
export const MinimumTrainingHours = 160

/** Five cases or five anonymised final reports (2b). */
export const MinimumCasesOrReports = 5

/** Two years of relevant experience (2c). */
export const MinimumExperienceYears = 2

export const Requirements = [
  'priorQualification',
  'trainerAptitude',
  'qualificationEvidence',
  'trainingCompleted',
  'trainingRecognised',
  'trainingHours',
  'trainingExam',
  'trainingEvidence',
  'comparableQualification',
  'comparableEvidence',
  'casesOrReports',
  'experience',
  'experienceEvidence',
  'trainingInProgress',
  'transitionalRuleEnded',
  'questionnaire',
] as const
export type Requirement = (typeof Requirements)[number]

/** What the group rules read: the form and the evidence kinds the office confirmed (one entry per confirmed item). */
export interface GroupInput {
  form: PoolForm
  confirmedEvidence: readonly EvidenceKind[]
}

const needsTrainerAptitude = new Set(['trade', 'commerce', 'administration', 'industry'])
const recognisedInstitutions = new Set(['lwl', 'lvr', 'lwv', 'bagub'])

function has(input: GroupInput, kind: EvidenceKind): boolean {
  return input.confirmedEvidence.includes(kind)
}

/** 1b: a therapeutic, social or educational qualification, or trade/commerce/administration/industry with Ausbildereignung. */
function priorQualification({ form, ...input }: GroupInput): Requirement[] {
  const missing: Requirement[] = []
  if (form.qualificationFields.length === 0) {
    missing.push('priorQualification')
  } else if (form.qualificationFields.every((field) => needsTrainerAptitude.has(field)) && !form.trainerAptitude) {
    missing.push('trainerAptitude')
  }
  if (!has({ form, ...input }, 'qualificationCertificate')) {
    missing.push('qualificationEvidence')
  }
  return missing
}

/** 1a: the recognised training, completed. */
function trainingCompleted(input: GroupInput): Requirement[] {
  const { form } = input
  const missing: Requirement[] = []
  if (form.trainingStatus !== 'completed') {
    missing.push('trainingCompleted')
  }
  missing.push(...trainingQuality(input))
  if (!form.trainingExamPassed) {
    missing.push('trainingExam')
  }
  return missing
}

function trainingQuality({ form, ...input }: GroupInput): Requirement[] {
  const missing: Requirement[] = []
  if (!recognisedInstitutions.has(form.trainingInstitution)) {
    missing.push('trainingRecognised')
  }
  if (form.trainingHours < MinimumTrainingHours) {
    missing.push('trainingHours')
  }
  if (!has({ form, ...input }, 'jobcoachingTraining')) {
    missing.push('trainingEvidence')
  }
  return missing
}

/** 2a: systemic training of 160 UE, a master's degree, or co-development of a recognised training. */
function comparable({ form, ...input }: GroupInput): Requirement[] {
  const missing: Requirement[] = []
  const enough =
    form.comparableKind === 'masters' || form.comparableKind === 'conceptCoDeveloper' || (form.comparableKind === 'systemicTraining' && form.comparableHours >= MinimumTrainingHours)
  if (!enough) {
    missing.push('comparableQualification')
  }
  if (!has({ form, ...input }, 'systemicTrainingOrMaster')) {
    missing.push('comparableEvidence')
  }
  return missing
}

/**
 * Whether an evidence item counts: the office confirmed it, or it is an
 * anonymised final report Fallbuch made from a closed case the applicant
 * coached (the server's own record, like the supervisions in Fallbuch).
 */
export function evidenceCounts(item: Pick<EvidenceItem, 'kind' | 'confirmed' | 'fromFallbuchCase'>): boolean {
  return item.confirmed || (item.kind === 'anonymisedFinalReport' && item.fromFallbuchCase !== undefined)
}

/** How many anonymised final reports count toward 2b's five. */
export function countedFinalReports(evidence: ReadonlyArray<Pick<EvidenceItem, 'kind' | 'confirmed' | 'fromFallbuchCase'>>): number {
  return evidence.filter((item) => item.kind === 'anonymisedFinalReport' && evidenceCounts(item)).length
}

/** 2b: five confirmed cases, or five anonymised final reports that count ({@link evidenceCounts}). */
function casesOrReports(input: GroupInput): Requirement[] {
  const reports = input.confirmedEvidence.filter((kind) => kind === 'anonymisedFinalReport').length
  return input.form.confirmedCases >= MinimumCasesOrReports || reports >= MinimumCasesOrReports ? [] : ['casesOrReports']
}

/** 2c: two years of relevant experience with an Arbeitszeugnis. */
function experience(input: GroupInput): Requirement[] {
  const missing: Requirement[] = []
  if (input.form.experienceYears < MinimumExperienceYears) {
    missing.push('experience')
  }
  if (!has(input, 'employmentReference')) {
    missing.push('experienceEvidence')
  }
  return missing
}

function questionnaire(input: GroupInput): Requirement[] {
  return input.form.questionnaireDone && has(input, 'questionnaire') ? [] : ['questionnaire']
}

/** 3a: in a recognised training, or starting with the next cohort, while the transitional rule lasts. */
function inTraining(input: GroupInput, on: string): Requirement[] {
  const missing: Requirement[] = []
  if (on > TransitionalRuleEndsOn) {
    missing.push('transitionalRuleEnded')
  }
  if (input.form.trainingStatus !== 'inProgress' && input.form.trainingStatus !== 'startsNextCohort') {
    missing.push('trainingInProgress')
  }
  missing.push(...trainingQuality(input).filter((requirement) => requirement !== 'trainingHours'))
  return missing
}

/** The requirements of `group` that `input` does not meet on day `on` (ISO date); empty when it is met. */
export function missingFor(group: PoolGroup, input: GroupInput, on: string): Requirement[] {
  switch (group) {
    case 'group1':
      return [...trainingCompleted(input), ...priorQualification(input), ...questionnaire(input)]
    case 'group2':
      return [...comparable(input), ...casesOrReports(input), ...experience(input), ...priorQualification(input), ...questionnaire(input)]
    case 'group3':
      return [...inTraining(input, on), ...experience(input), ...priorQualification(input), ...questionnaire(input)]
  }
}

/** Each group with what it still lacks, in the order of the groups. */
export function groupChecks(input: GroupInput, on: string): { group: PoolGroup; met: boolean; missing: Requirement[] }[] {
  return (['group1', 'group2', 'group3'] as const).map((group) => {
    const missing = missingFor(group, input, on)
    return { group, met: missing.length === 0, missing }
  })
}

/** The best group `input` meets (1 before 2 before 3), or null. */
export function bestGroup(input: GroupInput, on: string): PoolGroup | null {
  return groupChecks(input, on).find((check) => check.met)?.group ?? null
}

/**
 * Whether a member admitted in `group` still stands on day `on`: group 3
 * ends with the transitional rule unless the member has been reclassified.
 */
export function groupStillValid(group: PoolGroup, on: string): boolean {
  return group !== 'group3' || on <= TransitionalRuleEndsOn
}
