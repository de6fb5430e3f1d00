import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAndCheckUpdate } from './checkUpdate.js'
import { migrateDoc } from './migrations.js'
import { participantMemberIds, roleFromLegacyText } from './participantRoles.js'
import { addParticipant, initPlanDoc, planMeta, planParticipants, PlanSchemaVersion, planVersions, readPlan } from './plan.js'
import { newText } from './textFields.js'

/** A v2 plan whose participants carry the old free-text role. */
function planV2(roles: ReadonlyArray<{ role: string; memberId?: string }>): Y.Doc {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
  doc.transact(() => {
    planMeta(doc).set('schemaVersion', planVersions.TextFields)
    roles.forEach(({ role, memberId }, index) => {
      const participant = new Y.Map<unknown>()
      participant.set('id', `p${index}`)
      participant.set('name', newText(`Person ${index}`))
      participant.set('role', role)
      participant.set('organisation', newText(''))
      if (memberId !== undefined) {
        participant.set('memberId', memberId)
      }
      planParticipants(doc).push([participant])
    })
  })
  return doc
}

describe('participant roles (plan v3)', () => {
  it('reads the role an old free text names', () => {
    expect(roleFromLegacyText('Schwerbehindertenvertretung')).toBe('sbv')
    expect(roleFromLegacyText('Betriebsrätin? nein: Betriebsrat')).toBe('worksCouncil')
    expect(roleFromLegacyText('Kollegin an Kasse 2, Mentorin')).toBe('colleagueMentor')
    expect(roleFromLegacyText('Integrationsamt (Leistungsträger)')).toBe('fundingBody')
    expect(roleFromLegacyText('IFD Hannover')).toBe('integrationService')
    expect(roleFromLegacyText('rechtliche Betreuerin')).toBe('guardian')
    expect(roleFromLegacyText('Schichtleitung')).toBe('other')
  })

  it('migrates v2 participants: the old words become the function, a member stays a member', () => {
    const doc = planV2([{ role: 'SBV' }, { role: 'Schichtleitung' }, { role: 'Arbeitgeberin', memberId: 'memberPetraAAAAAAAAAAA' }])
    expect(migrateDoc('plan', doc)).toEqual([planVersions.TextFields])
    const read = readPlan(doc)
    expect(read.ok && read.value.meta.schemaVersion).toBe(PlanSchemaVersion)
    expect(read.ok && read.value.participants.map(({ role, function: text }) => ({ role, text }))).toEqual([
      { role: 'sbv', text: 'SBV' },
      { role: 'other', text: 'Schichtleitung' },
      { role: 'member', text: 'Arbeitgeberin' },
    ])
  })

  it('refuses a participant that names someone who is no member of the case', () => {
    const doc = new Y.Doc()
    initPlanDoc(doc, { title: 'Kassenbereich Supermarkt' })
    const scratch = new Y.Doc()
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc))
    const memberIds = new Set(['memberPetraAAAAAAAAAAA'])
    const writer = { kind: 'plan' as const, role: 'coach' as const, memberIds }

    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc))
    const before = Y.encodeStateVector(client)
    addParticipant(client, { id: 'p1', memberId: 'memberPetraAAAAAAAAAAA', name: 'Petra Lange', role: 'member', organisation: 'Frischmarkt Nord' })
    addParticipant(client, { id: 'p2', name: 'Ali Demir', role: 'colleagueMentor', function: 'Schichtleitung', organisation: 'Frischmarkt Nord' })
    expect(applyAndCheckUpdate(scratch, Y.encodeStateAsUpdate(client, before), writer)).toBeNull()
    expect(participantMemberIds(planParticipants(scratch))).toEqual(['memberPetraAAAAAAAAAAA'])

    const again = Y.encodeStateVector(client)
    addParticipant(client, { id: 'p3', memberId: 'memberStrangerAAAAAAAA', name: 'Fremd', role: 'member', organisation: '' })
    expect(applyAndCheckUpdate(scratch, Y.encodeStateAsUpdate(client, again), writer)).toMatchObject({ reason: 'invalid' })
  })
})
