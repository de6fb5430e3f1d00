/**
 * The storage suite, run against both backends (contract §6): accounts,
 * sessions, password resets and invitations.
 */
import { describe, expect, it } from 'vitest'
import { buildMember, buildUser, storageFactories, storageSuite } from './support/storageSuite.js'

const factories = storageFactories()

describe.each(factories.map((factory) => [factory.name, factory] as const))('storage on %s: accounts', (_name, factory) => {
  const { fresh, withCase } = storageSuite(factory)

  describe.skipIf(factory.skip)('', () => {
    it('creates the first account only once, and refuses a taken e-mail address', async () => {
      const { storage } = await fresh()
      const [a, b] = await Promise.all([storage.createFirstUser(buildUser({ isAdmin: true })), storage.createFirstUser(buildUser({ isAdmin: true }))])
      expect([a, b].filter(Boolean)).toHaveLength(1)
      expect(await storage.countUsers()).toBe(1)
      const user = buildUser({ email: 'same@example.org' })
      expect(await storage.createUser(user)).toBe(true)
      expect(await storage.createUser(buildUser({ email: 'same@example.org' }))).toBe(false)
      expect(await storage.findUserById(user.id)).toEqual(user)
      expect(await storage.findUserByEmail('same@example.org')).toEqual(user)
      expect(await storage.findUserById('missing')).toBeNull()
    })

    it('lists active staff and all users by name regardless of case', async () => {
      const { storage } = await fresh()
      await storage.createUser(buildUser({ name: 'bert' }))
      await storage.createUser(buildUser({ name: 'Anna' }))
      await storage.createUser(buildUser({ name: 'Carla', active: false }))
      await storage.createUser(buildUser({ name: 'Dora', kind: 'external' }))
      expect((await storage.listActiveStaff()).map((user) => user.name)).toEqual(['Anna', 'bert'])
      expect((await storage.listAllUsers()).map((user) => user.name)).toEqual(['Anna', 'bert', 'Carla', 'Dora'])
    })

    it('changes accounts but never removes the last active admin', async () => {
      const { storage } = await fresh()
      const admin = buildUser({ isAdmin: true })
      const other = buildUser({ isAdmin: true })
      await storage.createUser(admin)
      await storage.createUser(other)
      expect(await storage.updateUser('missing', { name: 'X' })).toBe('notFound')
      expect(await storage.updateUser(admin.id, { name: 'Neu' })).toBe('updated')
      const outcomes = await Promise.all([storage.updateUser(admin.id, { isAdmin: false }), storage.updateUser(other.id, { active: false })])
      expect(outcomes.sort()).toEqual(['lastAdmin', 'updated'])
      const users = await storage.listAllUsers()
      expect(users.filter((user) => user.isAdmin && user.active)).toHaveLength(1)
      expect((await storage.findUserById(admin.id))?.name).toBe('Neu')
    })

    it('finds only unexpired, recently seen sessions of active accounts; a new password ends them all', async () => {
      const { storage } = await fresh()
      const user = buildUser()
      await storage.createUser(user)
      await storage.createUser(buildUser({ isAdmin: true }))
      const t0 = new Date('2026-03-01T10:00:00.000Z')
      const at = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000)
      await storage.createSession({ tokenHash: 'h1', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      await storage.createSession({ tokenHash: 'h2', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      const found = await storage.findActiveSession('h1', at(5), at(-60))
      expect(found?.user.id).toBe(user.id)
      expect(found?.session).toEqual({ tokenHash: 'h1', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      expect(await storage.findActiveSession('h1', at(601), at(0))).toBeNull()
      expect(await storage.findActiveSession('h1', at(120), at(60))).toBeNull()
      await storage.touchSession('h1', at(100))
      expect(await storage.findActiveSession('h1', at(120), at(60))).not.toBeNull()
      await storage.deleteExpiredSessions(at(120), at(60))
      expect(await storage.findActiveSession('h2', at(5), at(-60))).toBeNull()
      expect(await storage.findActiveSession('h1', at(120), at(60))).not.toBeNull()
      await storage.updateUser(user.id, { active: false })
      expect(await storage.findActiveSession('h1', at(120), at(60))).toBeNull()
      await storage.updateUser(user.id, { active: true })
      expect(await storage.setPasswordHash(user.id, 'new')).toBe(true)
      expect(await storage.setPasswordHash('missing', 'new')).toBe(false)
      expect(await storage.findActiveSession('h1', at(120), at(60))).toBeNull()
      expect((await storage.findUserById(user.id))?.passwordHash).toBe('new')
      await storage.createSession({ tokenHash: 'h3', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      await storage.deleteSession('h3')
      expect(await storage.findActiveSession('h3', at(1), at(-60))).toBeNull()
      await storage.createSession({ tokenHash: 'h4', userId: user.id, createdAt: t0.toISOString(), expiresAt: at(600).toISOString(), lastSeenAt: t0.toISOString() })
      await storage.deleteSessionsOfUser(user.id)
      expect(await storage.findActiveSession('h4', at(1), at(-60))).toBeNull()
    })

    it('uses a password-reset link once, with the new hash, the sessions ended and the audit (issue 17)', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const person = buildUser({ kind: 'external' })
      await storage.createUser(person)
      const now = '2026-02-03T00:00:00.000Z'
      await storage.createSession({ tokenHash: 's1', userId: person.id, createdAt: now, expiresAt: '2026-03-01T00:00:00.000Z', lastSeenAt: now })
      const link = { userId: person.id, caseId, createdBy: coach.id, createdAt: now, expiresAt: '2026-02-06T00:00:00.000Z', usedAt: null }
      await storage.createPasswordReset({ ...link, id: 'r1', tokenHash: 'h1' })
      await storage.createPasswordReset({ ...link, id: 'r2', tokenHash: 'h2' })
      expect(await storage.findOpenPasswordReset('h1', now)).toBeNull()
      expect(await storage.findOpenPasswordReset('h2', now)).toMatchObject({ id: 'r2', userId: person.id, userName: person.name })
      expect(await storage.findOpenPasswordReset('h2', '2026-02-07T00:00:00.000Z')).toBeNull()
      const audit = [{ caseId, at: now, type: 'passwordResetWithLink' as const, actorId: person.id, details: { userId: person.id } }]
      const outcomes = await Promise.all([
        storage.usePasswordReset({ tokenHash: 'h2', now, passwordHash: 'new-hash', audit }),
        storage.usePasswordReset({ tokenHash: 'h2', now, passwordHash: 'other-hash', audit }),
      ])
      expect(outcomes.filter((outcome) => outcome === 'invalid')).toHaveLength(1)
      expect(outcomes).toContainEqual({ userId: person.id })
      expect((await storage.findUserById(person.id))?.passwordHash).toBe('new-hash')
      expect(await storage.findActiveSession('s1', new Date(now), new Date('2026-02-01T00:00:00.000Z'))).toBeNull()
      expect((await storage.listCaseAudit(caseId, 100)).filter((event) => event.type === 'passwordResetWithLink')).toHaveLength(1)
    })

    it('stores invitations and lets exactly one of two concurrent accepts win', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const base = { caseId, role: 'employer' as const, createdAt: '2026-02-01T00:00:00.000Z', createdBy: coach.id, expiresAt: '2026-02-08T00:00:00.000Z', acceptedAt: null, acceptedBy: null, revokedAt: null, failedAccepts: 0, failedAcceptsSince: null }
      await storage.createInvitation({ ...base, id: 'inv1', tokenHash: 't1' })
      await storage.createInvitation({ ...base, id: 'inv2', tokenHash: 't2', createdAt: '2026-02-02T00:00:00.000Z' })
      expect((await storage.listInvitations(caseId)).map((invitation) => invitation.id)).toEqual(['inv2', 'inv1'])
      expect(await storage.findInvitationByTokenHash('t1')).toMatchObject({ id: 'inv1', createdByName: coach.name, acceptedByName: null })
      expect(await storage.findInvitationByTokenHash('none')).toBeNull()

      const now = '2026-02-03T00:00:00.000Z'
      const newcomers = [buildUser({ kind: 'external' }), buildUser({ kind: 'external' })]
      const outcomes = await Promise.all(
        newcomers.map((user) => storage.acceptInvitation({ invitationId: 'inv1', now, newUser: user, member: buildMember(caseId, user.id, 'employer') })),
      )
      expect([...outcomes].sort()).toEqual(['accepted', 'invalid'])
      const winner = newcomers[outcomes.indexOf('accepted')]
      const loser = newcomers[outcomes.indexOf('invalid')]
      expect(await storage.findUserById(loser?.id ?? '')).toBeNull()
      expect(await storage.findInvitationByTokenHash('t1')).toMatchObject({ acceptedAt: now, acceptedBy: winner?.id, acceptedByName: winner?.name })
      expect(await storage.revokeInvitation(caseId, 'inv1', now)).toBe('used')

      const taken = buildUser({ kind: 'external', email: coach.email })
      expect(await storage.acceptInvitation({ invitationId: 'inv2', now, newUser: taken, member: buildMember(caseId, taken.id, 'employer') })).toBe('emailTaken')
      expect(await storage.acceptInvitation({ invitationId: 'inv2', now, newUser: null, member: buildMember(caseId, coach.id, 'employer') })).toBe('alreadyMember')
      expect((await storage.findInvitationByTokenHash('t2'))?.acceptedAt).toBeNull()
      // Failed accepts count per hour; renewing gives a new token and clears them (issue 17).
      const at = (minutes: number): string => new Date(Date.parse(now) + minutes * 60_000).toISOString()
      expect(await storage.recordFailedAccept('inv2', at(0), at(-60))).toEqual({ failedAccepts: 1, since: at(0) })
      expect(await storage.recordFailedAccept('inv2', at(10), at(-50))).toEqual({ failedAccepts: 2, since: at(0) })
      expect(await storage.recordFailedAccept('inv2', at(60), at(0))).toEqual({ failedAccepts: 1, since: at(60) })
      expect(await storage.renewInvitation({ caseId, invitationId: 'inv1', tokenHash: 't1b', expiresAt: at(600) })).toBe('used')
      expect(await storage.renewInvitation({ caseId, invitationId: 'missing', tokenHash: 't1b', expiresAt: at(600) })).toBe('notFound')
      expect(await storage.renewInvitation({ caseId, invitationId: 'inv2', tokenHash: 't2b', expiresAt: at(600) })).toBe('renewed')
      expect(await storage.findInvitationByTokenHash('t2')).toBeNull()
      expect(await storage.findInvitationByTokenHash('t2b')).toMatchObject({ id: 'inv2', failedAccepts: 0, failedAcceptsSince: null, expiresAt: at(600) })
      expect(await storage.renewInvitation({ caseId, invitationId: 'inv2', tokenHash: 't2', expiresAt: base.expiresAt })).toBe('renewed')
      const late = buildUser({ kind: 'external' })
      expect(await storage.acceptInvitation({ invitationId: 'inv2', now: '2026-03-01T00:00:00.000Z', newUser: late, member: buildMember(caseId, late.id, 'employer') })).toBe('invalid')
      expect(await storage.revokeInvitation(caseId, 'inv2', now)).toBe('revoked')
      expect((await storage.findInvitationByTokenHash('t2'))?.revokedAt).toBe(now)
      expect(await storage.revokeInvitation(caseId, 'missing', now)).toBe('notFound')
      const afterRevoke = buildUser({ kind: 'external' })
      expect(await storage.acceptInvitation({ invitationId: 'inv2', now, newUser: afterRevoke, member: buildMember(caseId, afterRevoke.id, 'employer') })).toBe('invalid')
    })
  })
})
