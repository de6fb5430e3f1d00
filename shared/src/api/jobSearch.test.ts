import { describe, expect, it } from 'vitest'
import { Employer, placementOfEntry, SaveEmployerBody, SaveJobSearchEntryBody } from './jobSearch.js'

const entry = { kind: 'application', employerName: 'Frischmarkt Nord', placementKind: 'trainingPlacement', date: '2026-04-02', status: 'sent' }

describe('the application and contact log (A4/A5)', () => {
  it('takes an application with only the essentials and fills the rest', () => {
    const parsed = SaveJobSearchEntryBody.parse(entry)
    expect(parsed).toMatchObject({ employerId: null, position: '', nextStep: '', nextStepOn: null, interviewOn: null, interviewPreparation: '', accompaniedByCoach: false })
  })

  it('refuses an entry without employer, with an unknown kind of placement or status, or a wrong date', () => {
    expect(SaveJobSearchEntryBody.safeParse({ ...entry, employerName: '   ' }).success).toBe(false)
    expect(SaveJobSearchEntryBody.safeParse({ ...entry, placementKind: 'miniJob' }).success).toBe(false)
    expect(SaveJobSearchEntryBody.safeParse({ ...entry, status: 'hired' }).success).toBe(false)
    expect(SaveJobSearchEntryBody.safeParse({ ...entry, date: '2.4.2026' }).success).toBe(false)
    expect(SaveJobSearchEntryBody.safeParse({ ...entry, employerId: 'not an id!' }).success).toBe(false)
  })

  it('has no place for health data: an unknown field is refused', () => {
    expect(SaveJobSearchEntryBody.safeParse({ ...entry, diagnosis: 'depressive Episode' }).success).toBe(false)
  })

  it('refuses texts over the limit', () => {
    expect(SaveJobSearchEntryBody.safeParse({ ...entry, interviewPreparation: 'x'.repeat(2_001) }).success).toBe(false)
  })
})

describe('the employer directory (B5)', () => {
  it('takes an employer with contacts and past placements of position, kind and year', () => {
    const parsed = SaveEmployerBody.parse({ name: 'Frischmarkt Nord', contacts: [{ name: 'Petra Lange', function: 'Filialleitung' }], placements: [{ position: 'Kasse', placementKind: 'permanent', year: 2025 }] })
    expect(parsed.contacts[0]).toEqual({ name: 'Petra Lange', function: 'Filialleitung', phone: '', email: '' })
  })

  it('refuses a past placement that names a person or a case: it holds position, kind and year only', () => {
    expect(SaveEmployerBody.safeParse({ name: 'Frischmarkt Nord', placements: [{ position: 'Kasse', placementKind: 'permanent', year: 2025, personName: 'Jonas Peters' }] }).success).toBe(false)
    expect(SaveEmployerBody.safeParse({ name: 'Frischmarkt Nord', placements: [{ position: 'Kasse', placementKind: 'permanent', year: 2025, caseId: 'abc' }] }).success).toBe(false)
    expect(Object.keys(Employer.shape)).not.toContain('caseId')
  })

  it("derives a placement from an entry without anything of the person", () => {
    const parsed = SaveJobSearchEntryBody.parse({ ...entry, position: 'Kasse', contactPerson: 'Petra Lange', interviewPreparation: 'Jonas übt das Gespräch' })
    expect(placementOfEntry(parsed)).toEqual({ position: 'Kasse', placementKind: 'trainingPlacement', year: 2026 })
  })
})
