import { describe, expect, it } from 'vitest'
import { accessTo, canRead, CaseRoles, readsByConsent, roleNeedsStaffAccount, type CaseRole } from './access.js'
import { Actions, allowedWhileClosed, can, refusalOf, type Action, type ActionFacts } from './actions.js'

type Who = CaseRole | 'none'
const everyone: readonly Who[] = [...CaseRoles, 'none']

/**
 * The expected policy, written out independently of the matrix: for each
 * action, who may do it with no facts, with `isSelf`, with `isAdmin`, and
 * whether it survives closing the case.
 */
const expected: Record<Action, { plain: Who[]; isSelf?: Who[]; isAdmin?: Who[]; adminOnStaff?: Who[]; onExternal?: Who[]; isLead?: Who[]; isBilling?: Who[]; whileClosed: boolean }> = {
  'case.update': { plain: ['coach'], whileClosed: false },
  'case.close': { plain: ['coach'], whileClosed: false },
  'case.setFlow': { plain: ['coach'], isAdmin: ['coach', 'none'], whileClosed: false },
  'case.erase': { plain: ['coach'], isAdmin: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'members.add': { plain: ['coach'], whileClosed: false },
  'members.remove': { plain: ['coach'], whileClosed: true },
  'invitations.create': { plain: ['coach'], whileClosed: false },
  'invitations.list': { plain: ['coach'], whileClosed: true },
  'invitations.revoke': { plain: ['coach'], whileClosed: true },
  'invitations.renew': { plain: ['coach'], whileClosed: false },
  'invitations.accept': { plain: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: false },
  'consent.grant': { plain: ['coachee', 'guardian'], whileClosed: false },
  'consent.recordPaper': { plain: ['coach'], whileClosed: false },
  'consent.revoke': { plain: ['coach', 'coachee', 'guardian'], whileClosed: true },
  'releases.manage': { plain: ['coach'], whileClosed: false },
  'releases.giveOwn': { plain: ['coachee', 'guardian'], whileClosed: false },
  'releases.read': { plain: ['coach', 'employer', 'coachee', 'guardian'], whileClosed: true },
  'releases.revoke': { plain: ['coach', 'coachee', 'guardian'], whileClosed: true },
  'agreement.list': { plain: ['coach', 'employer', 'coachee', 'guardian'], whileClosed: true },
  'agreement.agree': { plain: ['coach', 'employer', 'coachee', 'guardian'], whileClosed: false },
  'versions.readPlan': { plain: ['coach', 'employer', 'coachee', 'guardian'], whileClosed: true },
  'versions.readNotes': { plain: ['coach'], whileClosed: true },
  'versions.restore': { plain: ['coach'], whileClosed: false },
  'audit.read': { plain: ['coach'], whileClosed: true },
  'export.read': { plain: ['coach'], isSelf: ['coach', 'coachee'], whileClosed: true },
  'process.follow': { plain: ['coach'], whileClosed: true },
  'report.read': { plain: ['coach'], whileClosed: true },
  'supervision.createCopy': { plain: ['coach'], whileClosed: true },
  'report.exportAnonymised': { plain: ['coach'], whileClosed: true },
  'supervision.reviewCopy': { plain: ['coach'], whileClosed: true },
  'members.newAccessLink': { plain: [], onExternal: ['coach'], whileClosed: true },
  'accounts.manageStaffCredentials': { plain: [], isAdmin: [], adminOnStaff: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'accounts.manage': { plain: [], isAdmin: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'accounts.listAll': { plain: [], isAdmin: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'supervisionGroups.manage': { plain: [], isAdmin: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'supervisionGroups.listAll': { plain: [], isAdmin: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'billing.listRetained': { plain: [], isAdmin: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'team.overview': { plain: [], isLead: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'team.reassign': { plain: [], isLead: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: false },
  'statistics.read': { plain: [], isAdmin: ['coach', 'employer', 'coachee', 'guardian', 'none'], isLead: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'funding.read': { plain: ['coach'], isAdmin: ['coach', 'none'], whileClosed: true },
  'funding.write': { plain: ['coach'], isAdmin: ['coach', 'none'], whileClosed: false },
  'fundingBodies.manage': { plain: [], isAdmin: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  'invoices.read': { plain: ['coach'], isBilling: ['coach', 'none'], whileClosed: true },
  'invoices.issue': { plain: ['coach'], isBilling: ['coach', 'none'], whileClosed: true },
  'accounts.manageBilling': { plain: [], isAdmin: [], adminOnStaff: ['coach', 'employer', 'coachee', 'guardian', 'none'], onExternal: [], whileClosed: true },
  'hoursProof.read': { plain: ['coach', 'employer', 'coachee', 'guardian'], isAdmin: ['coach', 'employer', 'coachee', 'guardian', 'none'], whileClosed: true },
  // A coach never confirms in the employer's or the coachee's name, admin or not.
  'hoursProof.confirm': { plain: ['employer', 'coachee', 'guardian'], isAdmin: ['employer', 'coachee', 'guardian'], whileClosed: true },
  'requests.read': { plain: [], whileClosed: true },
  'requests.write': { plain: [], whileClosed: true },
  'pool.own': { plain: [], whileClosed: true },
  'pool.coordinate': { plain: [], whileClosed: true },
  'pool.review': { plain: [], whileClosed: true },
  'pool.approveAsIntegrationsamt': { plain: [], whileClosed: true },
  // The coachee reads their own search; the employer never sees the other employers.
  'jobSearch.read': { plain: ['coach', 'coachee', 'guardian'], whileClosed: true },
  'jobSearch.write': { plain: ['coach'], whileClosed: false },
  'employers.read': { plain: [], whileClosed: true },
  'employers.write': { plain: [], whileClosed: true },
}

function roleOf(who: Who): CaseRole | null {
  return who === 'none' ? null : who
}

describe('action policy: can(role, action, facts)', () => {
  const rows = Actions.flatMap((action) =>
    everyone.flatMap((who) => {
      const row = expected[action]
      const cases: { facts: ActionFacts; allowed: boolean }[] = [
        { facts: {}, allowed: row.plain.includes(who) },
        { facts: { isSelf: true }, allowed: (row.isSelf ?? row.plain).includes(who) },
        { facts: { isAdmin: true }, allowed: (row.isAdmin ?? row.plain).includes(who) },
        { facts: { caseClosed: true }, allowed: row.plain.includes(who) && row.whileClosed },
        { facts: { isAdmin: true, targetKind: 'staff' }, allowed: (row.adminOnStaff ?? row.isAdmin ?? row.plain).includes(who) },
        { facts: { isAdmin: true, targetKind: 'external' }, allowed: (row.onExternal ?? row.isAdmin ?? row.plain).includes(who) },
        { facts: { targetKind: 'external' }, allowed: (row.onExternal ?? row.plain).includes(who) },
        { facts: { isLead: true }, allowed: (row.isLead ?? row.plain).includes(who) },
        { facts: { isLead: true, caseClosed: true }, allowed: (row.isLead ?? row.plain).includes(who) && row.whileClosed },
        { facts: { isBilling: true }, allowed: (row.isBilling ?? row.plain).includes(who) },
      ]
      return cases.map(({ facts, allowed }) => ({ action, who, facts, allowed }))
    }),
  )

  it.each(rows)('$action by $who with $facts: $allowed', ({ action, who, facts, allowed }) => {
    expect(can(roleOf(who), action, facts)).toBe(allowed)
  })

  it('names the role as the reason before the closed case', () => {
    expect(refusalOf('employer', 'members.add', { caseClosed: true })).toBe('role')
    expect(refusalOf('coach', 'members.add', { caseClosed: true })).toBe('caseClosed')
    expect(refusalOf('coach', 'members.add', {})).toBeNull()
  })

  it('keeps every action that ends access allowed on a closed case', () => {
    for (const action of ['consent.revoke', 'members.remove', 'invitations.revoke', 'case.erase'] as const) {
      expect(allowedWhileClosed(action)).toBe(true)
    }
  })

  it('lets exactly the readers of the plan agree to it (contract §3)', () => {
    for (const role of CaseRoles) {
      expect(can(role, 'agreement.agree')).toBe(canRead(accessTo('plan', role)))
      expect(can(role, 'agreement.list')).toBe(canRead(accessTo('plan', role)))
    }
  })

  it('lets the readers of a document read its versions (contract §8.4)', () => {
    for (const role of CaseRoles) {
      expect(can(role, 'versions.readPlan')).toBe(canRead(accessTo('plan', role)))
      expect(can(role, 'versions.readNotes')).toBe(canRead(accessTo('notes', role)))
    }
  })

  it('gives a lead no case action: notes, reports and the change log stay with the coaches', () => {
    for (const action of ['versions.readNotes', 'report.read', 'audit.read', 'process.follow', 'case.update'] as const) {
      expect(can(null, action, { isLead: true, isAdmin: true })).toBe(false)
    }
  })

  it('never lets the employer or the coachee near invoices, billing flag or not (they only confirm their month)', () => {
    for (const role of ['employer', 'coachee', 'guardian'] as const) {
      expect(can(role, 'invoices.read', { isBilling: true })).toBe(false)
      expect(can(role, 'invoices.issue', { isBilling: true })).toBe(false)
    }
    expect(can(null, 'invoices.issue')).toBe(false)
    expect(can(null, 'invoices.issue', { isAdmin: true, isLead: true })).toBe(false)
  })

  it('opens the requests and the employer directory to staff who take intake only, never by a case role or by the admin or lead flag alone', () => {
    for (const action of ['requests.read', 'requests.write', 'employers.read', 'employers.write'] as const) {
      expect(can(null, action, { takesIntake: true })).toBe(true)
      for (const who of everyone) {
        expect(can(roleOf(who), action, { isAdmin: true, isLead: true })).toBe(false)
      }
    }
  })

  it('opens the pool: own application to staff, classification to the coordinator only, the second approval to the Integrationsamt only', () => {
    expect(can(null, 'pool.own', { isStaff: true })).toBe(true)
    expect(can('coach', 'pool.own', {})).toBe(false)
    expect(can(null, 'pool.coordinate', { isCoordinator: true })).toBe(true)
    expect(can(null, 'pool.coordinate', { isIntegrationsamt: true, isAdmin: true, isLead: true, isStaff: true })).toBe(false)
    expect(can(null, 'pool.review', { isIntegrationsamt: true })).toBe(true)
    expect(can(null, 'pool.review', { isCoordinator: true })).toBe(true)
    expect(can(null, 'pool.review', { isStaff: true, isAdmin: true })).toBe(false)
    expect(can(null, 'pool.approveAsIntegrationsamt', { isIntegrationsamt: true })).toBe(true)
    expect(can(null, 'pool.approveAsIntegrationsamt', { isCoordinator: true, isAdmin: true })).toBe(false)
  })

  it('makes only the employer a consent recipient', () => {
    expect(CaseRoles.filter(readsByConsent)).toEqual(['employer'])
  })

  it('lets only staff accounts be coaches', () => {
    expect(CaseRoles.filter(roleNeedsStaffAccount)).toEqual(['coach'])
  })
})
