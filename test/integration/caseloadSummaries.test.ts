/**
 * The caseload page's server summaries (issue 16): computed from the
 * committed documents, only for cases the caller coaches, with the number of
 * coaches a tandem case has.
 */
import { describe, expect, it } from 'vitest'
import { CaseloadSummariesReply } from '../../shared/src/api/caseloadSummaries.js'
import { addHoursEntry, setOutcome } from '../../shared/src/caseDocument/notes.js'
import { setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider } from './support/syncClients.js'

async function summariesOf(person: LoggedIn): Promise<CaseloadSummariesReply> {
  const response = await person.client.request('GET', '/api/caseload/summaries')
  expect(response.status).toBe(200)
  return CaseloadSummariesReply.parse(response.body)
}

describe('GET /api/caseload/summaries', () => {
  it("summarises every case the caller coaches from the server's documents, and nothing of other cases", async () => {
    const relay = await startRelay()
    const miriam = await setupAdmin(relay)
    const tobias = await createStaff(miriam)
    const tandem = await createCase(miriam, 'Lager Halle 2')
    const alone = await createCase(miriam, 'Kassenbereich Supermarkt')
    expect((await miriam.client.request('POST', `/api/cases/${tandem.id}/members`, { userId: tobias.user.id, role: 'coach' })).status).toBe(201)
    const employer = await inviteAndAccept(miriam, tandem.id, 'employer')

    // Written through the relay, never opened on the reader's device.
    const plan = await connectProvider(relay.wsUrl, `cases/${tandem.id}/plan`, miriam.client.cookie)
    const notes = await connectProvider(relay.wsUrl, `cases/${tandem.id}/notes`, miriam.client.cookie)
    plan.doc.transact(() => {
      setPlanMetaField(plan.doc, 'currentPhase', 'intervention')
      setPlanMetaField(plan.doc, 'hoursBudget', 40)
    })
    addHoursEntry(notes.doc, { id: 'h1', date: '2026-04-02', hours: 3.5, activity: 'Arbeitsplatzbesuch', coachId: miriam.user.id })
    setOutcome(notes.doc, { kind: 'aborted', how: '', why: 'Umzug' })
    await until(() => plan.provider.synced && notes.provider.synced)
    // Synced is the handshake, not the commit of the last frames: the server
    // commits them within a turn or two (group commit, issue 21).
    const mine = await until(
      async () => {
        const reply = await summariesOf(miriam)
        return reply.summaries.some((entry) => entry.caseId === tandem.id && entry.summary?.outcome === 'aborted') ? reply : null
      },
      { message: "the tandem case's outcome in its summary" },
    )
    plan.provider.destroy()
    notes.provider.destroy()

    expect(mine.summaries.map((entry) => entry.caseId).sort()).toEqual([tandem.id, alone.id].sort())
    const tandemEntry = mine.summaries.find((entry) => entry.caseId === tandem.id)
    expect(tandemEntry).toMatchObject({ coaches: 2, summary: { title: 'Lager Halle 2', phase: 'intervention', hoursUsed: 3.5, hoursBudget: 40, outcome: 'aborted', notesRead: true } })
    expect(mine.summaries.find((entry) => entry.caseId === alone.id)).toMatchObject({ coaches: 1, summary: { phase: 'analysis', hoursUsed: 0 } })

    // Tobias coaches only the tandem case; the employer coaches nothing (and reads no notes).
    expect((await summariesOf(tobias)).summaries.map((entry) => entry.caseId)).toEqual([tandem.id])
    expect((await summariesOf(employer)).summaries).toEqual([])
    await relay.stop()
  })

  it("tells the start page how a tandem case counts (TANDEM_SHARE) with the caller's cases", async () => {
    const relay = await startRelay({ tandemShare: 0.75 })
    const miriam = await setupAdmin(relay)
    await createCase(miriam, 'Lager Halle 2')
    const listed = await miriam.client.request<{ cases: unknown[]; tandemShare?: number }>('GET', '/api/cases')
    expect(listed.body.cases).toHaveLength(1)
    expect(listed.body.tandemShare).toBe(0.75)
    await relay.stop()
  })

  it('refuses a caller without a session', async () => {
    const relay = await startRelay()
    const response = await fetch(`${relay.url}/api/caseload/summaries`)
    expect(response.status).toBe(401)
  })
})
