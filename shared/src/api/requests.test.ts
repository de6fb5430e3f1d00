import { describe, expect, it } from 'vitest'
import { ConfidentialFields } from '../caseDocument/confidential.js'
import { ClarifyRequestBody, CreateRequestBody, DeclineRequestBody, IntakeRequest } from './requests.js'

const valid = { personName: 'Mara Beispiel', requesterKind: 'integrationService', requesterName: 'IFD Hannover', firstContactOn: '2026-03-02', reason: 'Sucht eine Stelle im Lager.' }

/** Field names that would carry health data (the confidential fields' keys and their usual spellings). */
const healthFields = [...ConfidentialFields, 'health', 'healthData', 'diagnoses', 'disability', 'degreeOfDisability', 'gdb', 'illness', 'therapy']

describe('request schema: no health data', () => {
  it('accepts a request without health data and fills the optional texts', () => {
    const parsed = CreateRequestBody.parse(valid)
    expect(parsed).toMatchObject({ ...valid, requesterContact: '', referringBody: '' })
  })

  it.each(healthFields)('refuses a request carrying %s', (field) => {
    expect(CreateRequestBody.safeParse({ ...valid, [field]: 'F32.1' }).success).toBe(false)
    expect(ClarifyRequestBody.safeParse({ [field]: 'F32.1' }).success).toBe(false)
    expect(DeclineRequestBody.safeParse({ reason: 'voll', referral: 'IFD', [field]: 'x' }).success).toBe(false)
  })

  it('has no field for health data in any of its shapes', () => {
    const keys = [CreateRequestBody, ClarifyRequestBody, DeclineRequestBody, IntakeRequest].flatMap((schema) => Object.keys(schema.shape))
    for (const key of keys) {
      expect(healthFields.map((field) => field.toLowerCase())).not.toContain(key.toLowerCase())
      expect(key.toLowerCase()).not.toMatch(/diagnos|medic|health|illness|therap|disab/)
    }
  })

  it('requires a name, a known requester kind and a real first-contact day', () => {
    expect(CreateRequestBody.safeParse({ ...valid, personName: '  ' }).success).toBe(false)
    expect(CreateRequestBody.safeParse({ ...valid, requesterKind: 'doctor' }).success).toBe(false)
    expect(CreateRequestBody.safeParse({ ...valid, firstContactOn: '2026-02-30' }).success).toBe(false)
  })

  it('takes rough goals from the list, each once', () => {
    expect(ClarifyRequestBody.safeParse({ roughGoals: ['jobSearch', 'training'] }).success).toBe(true)
    expect(ClarifyRequestBody.safeParse({ roughGoals: ['jobSearch', 'jobSearch'] }).success).toBe(false)
    expect(ClarifyRequestBody.safeParse({ roughGoals: ['cure'] }).success).toBe(false)
  })

  it('declines only with a reason and a referral', () => {
    expect(DeclineRequestBody.safeParse({ reason: 'Keine Plätze frei', referral: '' }).success).toBe(false)
    expect(DeclineRequestBody.safeParse({ reason: '', referral: 'IFD Hannover' }).success).toBe(false)
    expect(DeclineRequestBody.safeParse({ reason: 'Keine Plätze frei', referral: 'IFD Hannover' }).success).toBe(true)
  })
})
