/**
 * The storage suite, run against both backends (contract §6): cases and
 * members, agreements, versions, audit, sealing at rest and crypto-shredding,
 * consents, erasure and supervision.
 */
import { describe, expect, it } from 'vitest'
import { copyKeyOwner, keyOwnerOfRoom } from '../../server/src/crypto/keyOwners.js'
import { newId } from '../../server/src/ids.js'
import { CaseErasedError, type ConsentRecord, type Storage } from '../../server/src/storage/Storage.js'
import { buildMember, buildUser, docOf, legacy, storageFactories, storageSuite, textUpdate, texts } from './support/storageSuite.js'

const factories = storageFactories()

describe.each(factories.map((factory) => [factory.name, factory] as const))('storage on %s: cases', (_name, factory) => {
  const { fresh, withCase, open } = storageSuite(factory)

  describe.skipIf(factory.skip)('', () => {
    it('creates a case with its first member and seeded rooms, lists and changes it', async () => {
      const { storage } = await fresh()
      const coach = buildUser()
      await storage.createUser(coach)
      const record = { id: 'caseA', title: 'Fall A', type: 'placement' as const, employerCanEdit: false, createdAt: '2026-01-02T00:00:00.000Z', createdBy: coach.id, closedAt: null, closedBy: null, flow: null }
      const member = buildMember('caseA', coach.id, 'coach')
      await storage.createCase(record, member, [
        { room: 'cases/caseA/plan', update: textUpdate('<plan>') },
        { room: 'cases/caseA/notes', update: textUpdate('<notes>') },
      ])
      expect(await storage.findCase('caseA')).toEqual(record)
      expect(texts(docOf(await storage.loadUpdates('cases/caseA/plan')))).toEqual(['<plan>'])
      expect(texts(docOf(await storage.loadUpdates('cases/caseA/notes')))).toEqual(['<notes>'])
      expect(await storage.listCasesOfUser(coach.id)).toEqual([{ record, role: 'coach' }])
      await storage.updateCase('caseA', { employerCanEdit: true, title: 'Neu' })
      expect(await storage.findCase('caseA')).toEqual({ ...record, employerCanEdit: true, title: 'Neu' })
      await storage.updateCase('caseA', { type: 'retention' })
      expect(await storage.findCase('caseA')).toMatchObject({ employerCanEdit: true, title: 'Neu', type: 'retention' })
      expect(await storage.findCase('missing')).toBeNull()
    })

    it('adds members once and never removes the last coach, even with two removals at once', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const second = buildUser({ name: 'Zweite' })
      const employer = buildUser({ kind: 'external' })
      await storage.createUser(second)
      await storage.createUser(employer)
      const secondMember = buildMember(caseId, second.id, 'coach')
      expect(await storage.addMember(secondMember)).toBe(true)
      expect(await storage.addMember(buildMember(caseId, second.id, 'employer'))).toBe(false)
      expect(await storage.addMember(buildMember(caseId, employer.id, 'employer'))).toBe(true)
      expect(await storage.findMember(caseId, employer.id)).toMatchObject({ caseId, userId: employer.id, role: 'employer' })
      const members = await storage.listMembers(caseId)
      expect(members.map((member) => member.name).sort()).toEqual([coach.name, employer.name, 'Zweite'].sort())
      expect(members.find((member) => member.userId === second.id)?.email).toBe(second.email)
      const firstMember = members.find((member) => member.userId === coach.id)
      const ended = { at: '2026-02-01T00:00:00.000Z', by: coach.id }
      const outcomes = await Promise.all([storage.removeMember(caseId, firstMember?.id ?? '', ended), storage.removeMember(caseId, secondMember.id, ended)])
      expect(outcomes.sort()).toEqual(['lastCoach', 'removed'])
      expect(await storage.removeMember(caseId, 'missing', ended)).toBe('notFound')
      expect((await storage.listMembers(caseId)).filter((member) => member.role === 'coach')).toHaveLength(1)
    })

    it('lists agreements newest first, in insertion order within the same instant', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const at = '2026-04-01T12:00:00.000Z'
      await storage.addAgreement({ id: 'ag1', caseId, userId: coach.id, role: 'coach', planHash: 'aa', at: '2026-04-01T11:00:00.000Z' })
      await storage.addAgreement({ id: 'ag3', caseId, userId: coach.id, role: 'coach', planHash: 'bb', at })
      await storage.addAgreement({ id: 'ag2', caseId, userId: coach.id, role: 'coach', planHash: 'cc', at })
      const listed = await storage.listAgreements(caseId)
      expect(listed.map((agreement) => agreement.id)).toEqual(['ag2', 'ag3', 'ag1'])
      expect(listed[0]).toEqual({ id: 'ag2', caseId, userId: coach.id, role: 'coach', planHash: 'cc', at, userName: coach.name })
    })

    it('stores document versions sealed with the case key, lists them newest first, and erases them with the case', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const state = textUpdate('<Versionstext>')
      const base = { caseId, doc: 'plan' as const, authors: [coach.id], agreementId: null }
      await storage.addDocumentVersion({ ...base, id: 'v1', at: '2026-04-01T10:00:00.000Z', reason: 'settled' }, state)
      await storage.addDocumentVersion({ ...base, id: 'v2', at: '2026-04-01T11:00:00.000Z', reason: 'agreement', agreementId: 'ag1' }, state)
      await storage.addDocumentVersion({ ...base, id: 'v3', doc: 'notes', at: '2026-04-01T12:00:00.000Z', reason: 'phaseClosed' }, state)
      expect((await storage.listDocumentVersions(caseId, 'plan')).map((version) => version.id)).toEqual(['v2', 'v1'])
      expect((await storage.listDocumentVersions(caseId, 'plan'))[0]).toEqual({ ...base, id: 'v2', at: '2026-04-01T11:00:00.000Z', reason: 'agreement', agreementId: 'ag1' })
      const found = await storage.findDocumentVersion(caseId, 'plan', 'v1')
      expect(texts(docOf([{ data: found?.state ?? new Uint8Array() }]))).toEqual(['<Versionstext>'])
      expect(await storage.findDocumentVersion(caseId, 'notes', 'v1')).toBeNull()
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-05-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      expect(await storage.listDocumentVersions(caseId, 'plan')).toEqual([])
      expect(await storage.listDocumentVersions(caseId, 'notes')).toEqual([])
    })

    it("lists a case's audit events newest first with the logins of its members since they joined", async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const outsider = buildUser()
      await storage.createUser(outsider)
      await storage.appendAudit([
        { caseId: null, at: '2025-12-01T00:00:00.000Z', type: 'login', actorId: coach.id, details: {} },
        { caseId, at: '2026-01-02T00:00:00.000Z', type: 'memberAdded', actorId: coach.id, details: { role: 'coach', n: 1, ok: true, none: null } },
        { caseId: null, at: '2026-01-03T00:00:00.000Z', type: 'login', actorId: coach.id, details: {} },
        { caseId: null, at: '2026-01-03T00:00:00.000Z', type: 'login', actorId: outsider.id, details: {} },
      ])
      await storage.appendAudit([])
      const events = await storage.listCaseAudit(caseId, 10)
      expect(events.map((event) => [event.type, event.at])).toEqual([
        ['login', '2026-01-03T00:00:00.000Z'],
        ['memberAdded', '2026-01-02T00:00:00.000Z'],
      ])
      expect(events[1]).toMatchObject({ caseId, actorId: coach.id, actorName: coach.name, details: { role: 'coach', n: 1, ok: true, none: null } })
      expect(typeof events[0]?.id).toBe('string')
      expect(await storage.listCaseAudit(caseId, 1)).toHaveLength(1)
    })

    it('seals the plaintext rows of an older installation once at start, reusing keys an interrupted start made', async () => {
      const made = await factory.createLegacy()
      const plainBefore = (await made.raw()).filter((value) => value.includes(Buffer.from('Klartext')))
      expect(plainBefore).toHaveLength(4)
      const storage = await made.open()
      open.push(storage)
      const read = async (store: Storage) => ({
        title: (await store.findCase('legacyCase'))?.title,
        purpose: (await store.listConsents('legacyCase'))[0]?.purpose,
        plan: texts(docOf(await store.loadUpdates('cases/legacyCase/plan'))),
        notes: texts(docOf(await store.loadUpdates('cases/legacyCase/notes'))),
      })
      const expected = { title: legacy.title, purpose: legacy.purpose, plan: [legacy.texts[0]], notes: [legacy.texts[1]] }
      expect(await read(storage)).toEqual(expected)
      const sealed = await made.raw()
      expect(sealed).toHaveLength(4)
      expect(sealed.filter((value) => value.includes(Buffer.from('Klartext')))).toEqual([])
      // Only once: a second start leaves the sealed rows as they are.
      await storage.close()
      open.splice(open.indexOf(storage), 1)
      const again = await made.open()
      open.push(again)
      expect(await made.raw()).toEqual(sealed)
      expect(await read(again)).toEqual(expected)
    })

    it("crypto-shreds a case: after destroyCaseKey its rooms, title and purposes do not open, it is not found or listed, and nothing new is sealed for it", async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const { caseId: otherCaseId } = await withCase(storage)
      await storage.appendUpdates(`cases/${caseId}/notes`, [textUpdate('<secret>')])
      await storage.appendUpdates(`cases/${otherCaseId}/notes`, [textUpdate('<kept>')])
      expect(await storage.keyring.destroyCaseKey(caseId)).toBe(true)
      await expect(storage.loadUpdates(`cases/${caseId}/notes`)).rejects.toMatchObject({ name: 'DataKeyUnavailable', reason: 'destroyed' })
      // A destroyed case key means an erased case: appends are refused as for a tombstoned one (4404).
      await expect(storage.appendUpdates(`cases/${caseId}/plan`, [textUpdate('<again>')])).rejects.toBeInstanceOf(CaseErasedError)
      expect(await storage.findCase(caseId)).toBeNull()
      expect((await storage.listCasesOfUser(coach.id)).map((c) => c.record.id)).toEqual([])
      expect(texts(docOf(await storage.loadUpdates(`cases/${otherCaseId}/notes`)))).toEqual(['<kept>'])
      expect(await storage.findCase(otherCaseId)).not.toBeNull()
    })

    it("gives each supervision copy its own key, and destroys it when the copy is replaced or goes with its erased case", async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const keyOf = async (copyId: string) => (await storage.keyring.keyStore.find([copyKeyOwner(copyId)]))[0]
      const copy = { id: newId(), sourceCaseId: caseId, authorId: coach.id, createdAt: '2026-01-04T00:00:00.000Z', title: 'Kasse A', releasedGroupId: null, releasedAt: null, redactions: ['Jonas Weber'] }
      await storage.createSupervisionCopy(copy, { room: `supervision/${copy.id}`, update: textUpdate('<copy>') })
      expect(await storage.findSupervisionCopy(copy.id)).toMatchObject({ title: 'Kasse A', redactions: ['Jonas Weber'] })
      expect(await keyOf(copy.id)).toMatchObject({ destroyedAt: null })
      expect(keyOwnerOfRoom(`supervision/${copy.id}/discussion`)).toBe(copyKeyOwner(copy.id))
      const next = { ...copy, id: newId() }
      expect(await storage.replaceSupervisionCopy(copy.id, next, { room: `supervision/${next.id}`, update: textUpdate('<next>') })).toBe('replaced')
      expect(await keyOf(copy.id)).toMatchObject({ wrapped: null })
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-03-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      expect(await keyOf(next.id)).toMatchObject({ wrapped: null })
    })

    it('keeps one open consent grant per member and field, revokes, lapses and reports active fields by day', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const employer = buildUser({ kind: 'external', name: 'Sabine Keller' })
      await storage.createUser(employer)
      const member = buildMember(caseId, employer.id, 'employer')
      await storage.addMember(member)
      const grant = (id: string, field: ConsentRecord['field'], validUntil: string | null): ConsentRecord => ({
        id,
        caseId,
        field,
        memberId: member.id,
        recipientUserId: employer.id,
        recipientRole: 'employer',
        purpose: 'Arbeitsplatzanpassung',
        evidence: 'signedForm',
        signedOn: '2026-03-01',
        grantedAt: `2026-03-0${id.length}T10:00:00.000Z`,
        grantedBy: coach.id,
        validUntil,
        revokedAt: null,
        revokedBy: null,
        lapsedAt: null,
      })
      expect(await storage.addConsent(grant('g1', 'diagnosis', null))).toBe(true)
      expect(await storage.addConsent(grant('g22', 'diagnosis', null))).toBe(false)
      expect(await storage.addConsent(grant('g333', 'medication', '2026-03-10'))).toBe(true)
      expect((await storage.activeConsentFields(caseId, member.id, '2026-03-10')).sort()).toEqual(['diagnosis', 'medication'])
      expect(await storage.activeConsentFields(caseId, member.id, '2026-03-11')).toEqual(['diagnosis'])

      expect(await storage.recordLapsedConsents('2026-03-10', '2026-03-10T12:00:00.000Z')).toEqual([])
      expect(await storage.recordLapsedConsents('2026-03-11', '2026-03-11T00:01:00.000Z')).toEqual([
        { id: 'g333', caseId, field: 'medication', memberId: member.id },
      ])
      expect(await storage.revokeConsent(caseId, 'g333', '2026-03-12T00:00:00.000Z', coach.id)).toBe('ended')
      expect(await storage.revokeConsent(caseId, 'g1', '2026-03-12T00:00:00.000Z', coach.id)).toBe('revoked')
      expect(await storage.revokeConsent(caseId, 'g1', '2026-03-12T00:00:00.000Z', coach.id)).toBe('ended')
      expect(await storage.revokeConsent(caseId, 'missing', '2026-03-12T00:00:00.000Z', coach.id)).toBe('notFound')
      expect(await storage.activeConsentFields(caseId, member.id, '2026-03-01')).toEqual([])
      // Ended grants no longer block a new one.
      expect(await storage.addConsent(grant('g4444', 'diagnosis', null))).toBe(true)
      // A member who leaves keeps no grant: revoked with the removal, and handed to its audit entries.
      const removal: unknown[] = []
      const audit = (removed: unknown): [] => {
        removal.push(removed)
        return []
      }
      expect(await storage.removeMember(caseId, member.id, { at: '2026-03-13T00:00:00.000Z', by: coach.id }, audit)).toBe('removed')
      expect(removal).toEqual([{ member, revokedConsents: [{ id: 'g4444', caseId, field: 'diagnosis', memberId: member.id }] }])

      const listed = await storage.listConsents(caseId)
      expect(listed.map((g) => g.id)).toEqual(['g4444', 'g333', 'g1'])
      expect(listed[2]).toMatchObject({ recipientName: 'Sabine Keller', grantedByName: coach.name, revokedByName: coach.name, lapsedAt: null })
      expect(listed[0]).toMatchObject({ revokedAt: '2026-03-13T00:00:00.000Z', revokedBy: coach.id })
      expect(listed[1]).toMatchObject({ revokedAt: null, lapsedAt: '2026-03-11T00:01:00.000Z', validUntil: '2026-03-10', signedOn: '2026-03-01' })
    })

    it('commits a write and its audit entries together: an entry that cannot be stored leaves the change undone', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const employer = buildUser({ kind: 'external' })
      await storage.createUser(employer)
      const member = buildMember(caseId, employer.id, 'employer')
      await storage.addMember(member)
      const grant: ConsentRecord = {
        id: 'g1',
        caseId,
        field: 'diagnosis',
        memberId: member.id,
        recipientUserId: employer.id,
        recipientRole: 'employer',
        purpose: 'Arbeitsplatzanpassung',
        evidence: 'inApp',
        signedOn: null,
        grantedAt: '2026-03-01T10:00:00.000Z',
        grantedBy: coach.id,
        validUntil: null,
        revokedAt: null,
        revokedBy: null,
        lapsedAt: null,
      }
      const at = '2026-03-02T00:00:00.000Z'
      // An entry for a case that does not exist breaks the foreign key: its insert fails.
      const failing = [{ caseId: 'noSuchCase', at, type: 'consentRevoked' as const, actorId: coach.id, details: {} }]
      const entry = (type: 'consentGranted' | 'consentRevoked' | 'memberRemoved') => ({ caseId, at, type, actorId: coach.id, details: {} })

      await expect(storage.addConsent(grant, failing)).rejects.toThrow()
      expect(await storage.listConsents(caseId)).toEqual([])
      expect(await storage.addConsent(grant, [entry('consentGranted')])).toBe(true)

      await expect(storage.revokeConsent(caseId, grant.id, at, coach.id, () => failing)).rejects.toThrow()
      expect(await storage.activeConsentFields(caseId, member.id, '2026-03-02')).toEqual(['diagnosis'])
      await expect(storage.removeMember(caseId, member.id, { at, by: coach.id }, () => failing)).rejects.toThrow()
      expect(await storage.findMember(caseId, employer.id)).not.toBeNull()
      expect(await storage.activeConsentFields(caseId, member.id, '2026-03-02')).toEqual(['diagnosis'])
      await expect(storage.closeCase(caseId, at, coach.id, failing)).rejects.toThrow()
      expect(await storage.findCase(caseId)).toMatchObject({ closedAt: null })
      expect((await storage.listCaseAudit(caseId, 10)).map((event) => event.type)).toEqual(['consentGranted'])

      expect(await storage.revokeConsent(caseId, grant.id, at, coach.id, (revoked) => [{ ...entry('consentRevoked'), details: { grantId: revoked.id } }])).toBe('revoked')
      expect(await storage.removeMember(caseId, member.id, { at, by: coach.id }, ({ member: removed }) => [{ ...entry('memberRemoved'), details: { memberId: removed.id } }])).toBe('removed')
      expect((await storage.listCaseAudit(caseId, 10)).map((event) => [event.type, event.details])).toEqual([
        ['memberRemoved', { memberId: member.id }],
        ['consentRevoked', { grantId: grant.id }],
        ['consentGranted', {}],
      ])
    })

    it('closes cases, lists those closed before a date, and erases a case with all its rows, leaving a tombstone that refuses appends', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const other = await withCase(storage, `${caseId.slice(0, -1)}${caseId.endsWith('A') ? 'B' : 'A'}`)
      const room = `cases/${caseId}/plan`
      const otherRoom = `cases/${other.caseId}/plan`
      await storage.appendUpdates(room, [textUpdate('<a>')])
      await storage.appendUpdates(otherRoom, [textUpdate('<b>')])
      expect(await storage.bindClientIds(room, coach.id, [7])).toEqual([])
      await storage.appendAudit([{ caseId, at: '2026-01-02T00:00:00.000Z', type: 'caseUpdated', actorId: coach.id, details: {} }])

      expect(await storage.closeCase(caseId, '2026-02-01T00:00:00.000Z', coach.id)).toBe(true)
      expect(await storage.closeCase(caseId, '2026-02-02T00:00:00.000Z', coach.id)).toBe(false)
      expect(await storage.findCase(caseId)).toMatchObject({ closedAt: '2026-02-01T00:00:00.000Z', closedBy: coach.id })
      expect(await storage.casesClosedBefore('2026-02-01T00:00:00.000Z')).toEqual([])
      expect(await storage.casesClosedBefore('2026-02-01T00:00:00.001Z')).toEqual([caseId])

      expect(await storage.isCaseErased(caseId)).toBe(false)
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-03-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-03-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(false)
      expect(await storage.isCaseErased(caseId)).toBe(true)
      expect(await storage.findCase(caseId)).toBeNull()
      expect(await storage.listMembers(caseId)).toEqual([])
      expect(await storage.listCaseAudit(caseId, 10)).toEqual([])
      expect(await storage.loadUpdates(room)).toEqual([])
      expect(await storage.clientIdOwner(room, 7)).toBeNull()
      await expect(storage.appendUpdates(room, [textUpdate('<late>')])).rejects.toBeInstanceOf(CaseErasedError)
      expect(await storage.loadUpdates(room)).toEqual([])
      // Another case, even one whose id differs by one character, is untouched.
      expect(texts(docOf(await storage.loadUpdates(otherRoom)))).toEqual(['<b>'])
      expect(await storage.findCase(other.caseId)).not.toBeNull()
    })

    it('stores supervision groups with members, and copies with their one room update, released or replaced', async () => {
      const { storage } = await fresh()
      const { coach, caseId } = await withCase(storage)
      const supervisor = buildUser({ name: 'Ursula' })
      await storage.createUser(supervisor)
      const group = { id: newId(), name: 'Fallsupervision Nord', createdAt: '2026-01-02T00:00:00.000Z', createdBy: coach.id }
      await storage.createSupervisionGroup(group)
      expect(await storage.findSupervisionGroup(group.id)).toEqual(group)
      expect(await storage.addSupervisionGroupMember(group.id, supervisor.id, '2026-01-03T00:00:00.000Z')).toBe(true)
      expect(await storage.addSupervisionGroupMember(group.id, supervisor.id, '2026-01-03T00:00:00.000Z')).toBe(false)
      expect(await storage.addSupervisionGroupMember(group.id, coach.id, '2026-01-03T00:00:00.000Z')).toBe(true)
      expect((await storage.listSupervisionGroupMembers([group.id])).map((m) => m.userId).sort()).toEqual([coach.id, supervisor.id].sort())
      expect(await storage.listSupervisionGroupsOfUser(supervisor.id)).toEqual([group])
      expect(await storage.listSupervisionGroups()).toEqual([group])

      const copy = { id: newId(), sourceCaseId: caseId, authorId: coach.id, createdAt: '2026-01-04T00:00:00.000Z', title: 'Kasse', releasedGroupId: null, releasedAt: null, redactions: [] }
      await storage.createSupervisionCopy(copy, { room: `supervision/${copy.id}`, update: textUpdate('<copy>') })
      expect(await storage.findSupervisionCopy(copy.id)).toMatchObject({ ...copy, authorName: coach.name, releasedGroupName: null })
      // Unreleased: only the author lists it.
      expect((await storage.listSupervisionCopiesForUser(coach.id)).map((c) => c.id)).toEqual([copy.id])
      expect(await storage.listSupervisionCopiesForUser(supervisor.id)).toEqual([])

      const next = { ...copy, id: newId(), createdAt: '2026-01-05T00:00:00.000Z', redactions: ['Kasse'] }
      await storage.bindClientIds(`supervision/${copy.id}`, coach.id, [3])
      expect(await storage.replaceSupervisionCopy(copy.id, next, { room: `supervision/${next.id}`, update: textUpdate('<next>') })).toBe('replaced')
      expect(await storage.findSupervisionCopy(copy.id)).toBeNull()
      expect(await storage.loadUpdates(`supervision/${copy.id}`)).toEqual([])
      expect(await storage.clientIdOwner(`supervision/${copy.id}`, 3)).toBeNull()
      expect(texts(docOf(await storage.loadUpdates(`supervision/${next.id}`)))).toEqual(['<next>'])
      expect(await storage.replaceSupervisionCopy(copy.id, next, { room: 'x', update: textUpdate('<x>') })).toBe('notFound')

      expect(await storage.releaseSupervisionCopy(next.id, group.id, '2026-01-06T00:00:00.000Z')).toBe(true)
      expect(await storage.releaseSupervisionCopy(next.id, group.id, '2026-01-07T00:00:00.000Z')).toBe(false)
      expect(await storage.findSupervisionCopy(next.id)).toMatchObject({ releasedGroupId: group.id, releasedGroupName: 'Fallsupervision Nord', redactions: [] })
      expect(await storage.replaceSupervisionCopy(next.id, { ...next, id: newId() }, { room: 'y', update: textUpdate('<y>') })).toBe('released')
      expect((await storage.listSupervisionCopiesForUser(supervisor.id)).map((c) => c.id)).toEqual([next.id])

      const draft = { ...copy, id: newId(), redactions: ['Jonas'] }
      await storage.createSupervisionCopy(draft, { room: `supervision/${draft.id}`, update: textUpdate('<draft>') })
      // Erasing the case: the released copy stays, unlinked; the unreleased one goes with its room.
      expect(await storage.eraseCase({ caseId, erasedAt: '2026-03-01T00:00:00.000Z', reason: 'request', erasedBy: coach.id })).toBe(true)
      expect(await storage.findSupervisionCopy(next.id)).toMatchObject({ sourceCaseId: null })
      expect(texts(docOf(await storage.loadUpdates(`supervision/${next.id}`)))).toEqual(['<next>'])
      expect(await storage.findSupervisionCopy(draft.id)).toBeNull()
      expect(await storage.loadUpdates(`supervision/${draft.id}`)).toEqual([])

      expect(await storage.removeSupervisionGroupMember(group.id, supervisor.id)).toBe(true)
      expect(await storage.removeSupervisionGroupMember(group.id, supervisor.id)).toBe(false)
      expect(await storage.isSupervisionGroupMember(group.id, supervisor.id)).toBe(false)
      expect(await storage.listSupervisionCopiesForUser(supervisor.id)).toEqual([])
    })
  })
})
