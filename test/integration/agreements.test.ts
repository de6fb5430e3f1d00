import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { planContentHashInput } from '../../shared/src/caseDocument/planContent.js'
import { planMeta } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, storedDoc } from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
})

function storedPlanHash(caseId: string): string {
  return createHash('sha256').update(planContentHashInput(storedDoc(relay.dataDir, `cases/${caseId}/plan`))).digest('hex')
}

describe('agreements', () => {
  it('store the hash of the committed plan; currentPlanHash follows plan edits', async () => {
    const kase = await createCase(miriam)
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    const coachee = await inviteAndAccept(miriam, kase.id, 'coachee')
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    planMeta(plan.doc).set('hoursBudget', 40)
    await until(() => planMeta(storedDoc(relay.dataDir, `cases/${kase.id}/plan`)).get('hoursBudget') === 40, {
      message: 'the hours budget to be stored',
    })
    const agreedHash = storedPlanHash(kase.id)

    const byEmployer = await employer.client.request('POST', `/api/cases/${kase.id}/agreements`, {})
    expect(byEmployer.status).toBe(201)
    expect(byEmployer.body.agreement).toMatchObject({ planHash: agreedHash, userId: employer.user.id, userName: 'Sabine Keller', role: 'employer' })
    const byCoachee = await coachee.client.request('POST', `/api/cases/${kase.id}/agreements`)
    expect(byCoachee.status).toBe(201)

    const listed = await coachee.client.request('GET', `/api/cases/${kase.id}/agreements`)
    expect(listed.status).toBe(200)
    expect(listed.body.currentPlanHash).toBe(agreedHash)
    expect(listed.body.agreements.map((a: { role: string }) => a.role)).toEqual(['coachee', 'employer'])

    planMeta(plan.doc).set('hoursBudget', 60)
    await until(() => planMeta(storedDoc(relay.dataDir, `cases/${kase.id}/plan`)).get('hoursBudget') === 60, {
      message: 'the new hours budget to be stored',
    })
    const after = (await miriam.client.request('GET', `/api/cases/${kase.id}/agreements`)).body
    expect(after.currentPlanHash).not.toBe(agreedHash)
    expect(after.currentPlanHash).toBe(storedPlanHash(kase.id))
    expect(after.agreements.every((a: { planHash: string }) => a.planHash === agreedHash)).toBe(true)
  })

  it('are refused for non-members (404) and for bodies with content (400)', async () => {
    const kase = await createCase(miriam)
    const stranger = await createStaff(miriam)
    expect((await stranger.client.request('POST', `/api/cases/${kase.id}/agreements`, {})).status).toBe(404)
    expect((await stranger.client.request('GET', `/api/cases/${kase.id}/agreements`)).status).toBe(404)
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/agreements`, { planHash: '0'.repeat(64) })).status).toBe(400)
  })
})
