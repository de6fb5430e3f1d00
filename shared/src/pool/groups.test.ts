import { describe, expect, it } from 'vitest'
import { PoolForm, type EvidenceKind } from '../api/pool.js'
import { bestGroup, countedFinalReports, evidenceCounts, groupChecks, missingFor, TransitionalRuleEndsOn } from './groups.js'

const form = (fields: Partial<PoolForm>): PoolForm => PoolForm.parse(fields)
const before = '2025-06-01'
const after = '2026-01-01'

const social: Partial<PoolForm> = { qualificationFields: ['social'], questionnaireDone: true }
const baseEvidence: EvidenceKind[] = ['qualificationCertificate', 'questionnaire']

describe('pool groups', () => {
  it('puts a completed recognised training of 160 UE with exam and a social qualification in group 1', () => {
    const input = {
      form: form({ ...social, trainingStatus: 'completed', trainingInstitution: 'lwl', trainingHours: 160, trainingExamPassed: true }),
      confirmedEvidence: [...baseEvidence, 'jobcoachingTraining'] as EvidenceKind[],
    }
    expect(missingFor('group1', input, after)).toEqual([])
    expect(bestGroup(input, after)).toBe('group1')
  })

  it('names what group 1 lacks: 159 UE, an unrecognised institution, the unconfirmed training certificate', () => {
    const input = {
      form: form({ ...social, trainingStatus: 'completed', trainingInstitution: 'other', trainingHours: 159, trainingExamPassed: true }),
      confirmedEvidence: baseEvidence,
    }
    expect(missingFor('group1', input, after)).toEqual(['trainingRecognised', 'trainingHours', 'trainingEvidence'])
  })

  it('needs the Ausbildereignung with a trade qualification only', () => {
    const trade = { form: form({ qualificationFields: ['trade'], questionnaireDone: true }), confirmedEvidence: baseEvidence }
    expect(missingFor('group1', trade, after)).toContain('trainerAptitude')
    const withAptitude = { ...trade, form: form({ qualificationFields: ['trade'], trainerAptitude: true, questionnaireDone: true }) }
    expect(missingFor('group1', withAptitude, after)).not.toContain('trainerAptitude')
    const mixed = { ...trade, form: form({ qualificationFields: ['trade', 'educational'], questionnaireDone: true }) }
    expect(missingFor('group1', mixed, after)).not.toContain('trainerAptitude')
  })

  it('counts five confirmed anonymised final reports for 2b, four do not', () => {
    const comparable = form({ ...social, comparableKind: 'systemicTraining', comparableHours: 200, experienceYears: 3 })
    const evidence: EvidenceKind[] = [...baseEvidence, 'systemicTrainingOrMaster', 'employmentReference']
    const four = { form: comparable, confirmedEvidence: [...evidence, ...Array<EvidenceKind>(4).fill('anonymisedFinalReport')] }
    expect(missingFor('group2', four, after)).toEqual(['casesOrReports'])
    const five = { form: comparable, confirmedEvidence: [...four.confirmedEvidence, 'anonymisedFinalReport'] as EvidenceKind[] }
    expect(missingFor('group2', five, after)).toEqual([])
    expect(bestGroup(five, after)).toBe('group2')
  })

  it('accepts five cases confirmed by an Integrationsamt instead of reports, but not a systemic training under 160 UE', () => {
    const input = {
      form: form({ ...social, comparableKind: 'systemicTraining', comparableHours: 120, experienceYears: 2, confirmedCases: 5 }),
      confirmedEvidence: [...baseEvidence, 'systemicTrainingOrMaster', 'employmentReference'] as EvidenceKind[],
    }
    expect(missingFor('group2', input, after)).toEqual(['comparableQualification'])
  })

  it('admits a coach in training to group 3 until the transitional rule ends, not a day later', () => {
    const input = {
      form: form({ ...social, trainingStatus: 'inProgress', trainingInstitution: 'bagub', experienceYears: 2 }),
      confirmedEvidence: [...baseEvidence, 'jobcoachingTraining', 'employmentReference'] as EvidenceKind[],
    }
    expect(missingFor('group3', input, before)).toEqual([])
    expect(missingFor('group3', input, TransitionalRuleEndsOn)).toEqual([])
    expect(missingFor('group3', input, '2026-01-01')).toEqual(['transitionalRuleEnded'])
    expect(bestGroup(input, after)).toBeNull()
  })

  it('counts nothing the office has not confirmed, and always asks for the questionnaire', () => {
    const input = { form: form({ qualificationFields: ['social'] }), confirmedEvidence: [] }
    const checks = groupChecks(input, before)
    expect(checks.every((check) => !check.met && check.missing.includes('questionnaire') && check.missing.includes('qualificationEvidence'))).toBe(true)
  })

  it('counts an anonymised final report made in Fallbuch without the office, an uploaded one only once confirmed', () => {
    const digest = 'a'.repeat(64)
    const made = { kind: 'anonymisedFinalReport' as const, confirmed: false, fromFallbuchCase: digest }
    const uploaded = { kind: 'anonymisedFinalReport' as const, confirmed: false }
    expect(evidenceCounts(made)).toBe(true)
    expect(evidenceCounts(uploaded)).toBe(false)
    expect(evidenceCounts({ ...uploaded, confirmed: true })).toBe(true)
    // The digest marks a final report only: another kind still needs the office.
    expect(evidenceCounts({ kind: 'questionnaire', confirmed: false, fromFallbuchCase: digest })).toBe(false)
    expect(countedFinalReports([made, made, uploaded, { ...uploaded, confirmed: true }, { kind: 'questionnaire', confirmed: true }])).toBe(3)
  })
})
