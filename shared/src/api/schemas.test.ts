import { describe, expect, it } from 'vitest'
import { AddMemberBody, CreateCaseBody, UpdateCaseBody } from './cases.js'
import { GrantConsentBody } from './consents.js'
import { CreateUserBody, LoginBody, SetupBody } from './users.js'

describe('API bodies', () => {
  it('normalises e-mail addresses so login is case-insensitive', () => {
    expect(LoginBody.parse({ email: '  Miriam.Roth@Example.org ', password: 'x' }).email).toBe('miriam.roth@example.org')
  })

  it('requires a long enough password at setup and names the field', () => {
    const result = SetupBody.safeParse({ token: 't', name: 'Miriam Roth', email: 'miriam@example.org', password: 'kurz' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['password'])
  })

  it('only lets admins create staff accounts through /api/users', () => {
    const base = { name: 'Tobias Brandt', email: 'tobias@example.org', password: 'ein-langes-passwort' }
    expect(CreateUserBody.safeParse({ ...base, kind: 'staff' }).success).toBe(true)
    expect(CreateUserBody.safeParse({ ...base, kind: 'external' }).success).toBe(false)
  })

  it('rejects an empty case title and an unknown case type', () => {
    expect(CreateCaseBody.safeParse({ title: '   ' }).success).toBe(false)
    expect(CreateCaseBody.safeParse({ title: 'Kasse', type: 'internship' }).success).toBe(false)
    expect(CreateCaseBody.parse({ title: ' Kasse ', type: 'retention' })).toEqual({ title: 'Kasse', type: 'retention' })
  })

  it('rejects a PATCH that changes nothing or carries unknown keys', () => {
    expect(UpdateCaseBody.safeParse({}).success).toBe(false)
    expect(UpdateCaseBody.safeParse({ owner: 'x' }).success).toBe(false)
    expect(UpdateCaseBody.safeParse({ employerCanEdit: true }).success).toBe(true)
  })

  it('rejects member and consent bodies with malformed ids or fields', () => {
    expect(AddMemberBody.safeParse({ userId: '../etc', role: 'coach' }).success).toBe(false)
    expect(AddMemberBody.safeParse({ userId: 'AbCdEfGhIjKlMnOp', role: 'admin' }).success).toBe(false)
    expect(
      GrantConsentBody.safeParse({ field: 'shoeSize', memberId: 'AbCdEfGhIjKlMnOp', purpose: 'x', evidence: 'inApp' }).success,
    ).toBe(false)
  })
})

describe('version schemas', () => {
  it('accept the documents of a versions request and refuse others', async () => {
    const { VersionsQuery, VersionSummary } = await import('./versions.js')
    expect(VersionsQuery.safeParse({ doc: 'plan' }).success).toBe(true)
    expect(VersionsQuery.safeParse({ doc: 'notes' }).success).toBe(true)
    expect(VersionsQuery.safeParse({ doc: 'confidential' }).success).toBe(false)
    expect(VersionsQuery.safeParse({}).success).toBe(false)
    const summary = VersionSummary.parse({ id: 'AbCdEfGhIjKlMnOp', at: '2026-03-01T10:00:00.000Z', reason: 'settled', authors: [] })
    expect(summary.agreement).toBeNull()
    expect(VersionSummary.safeParse({ ...summary, reason: 'whim' }).success).toBe(false)
  })
})
