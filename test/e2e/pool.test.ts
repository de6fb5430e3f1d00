/**
 * The Jobcoach pool in Chromium (issue 20): an applicant fills the
 * admission form and lists her evidence at phone width (390 px), the
 * coordination office checks, classifies and approves, the Integrationsamt
 * gives the second approval, a request is matched to a tandem, and the
 * applicant accepts the proposal (seeing no personal data of the request)
 * and opens the new case. The applicant attaches a PDF to an evidence item
 * (a renamed text file is refused first) and the office downloads the same
 * bytes. axe on each screen.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { createStaff, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, loginViaForm, newPerson, noSidewaysScroll } from './pages.js'

async function admittedViaApi(office: LoggedIn, amt: LoggedIn, coach: LoggedIn): Promise<void> {
  const form = { qualificationFields: ['educational'], trainingStatus: 'completed', trainingInstitution: 'lwl', trainingHours: 160, trainingExamPassed: true, questionnaireDone: true }
  const id = (await coach.client.request('PATCH', '/api/pool/me', { form, profile: { postcodeAreas: ['30'], hoursFreePerWeek: 6, caseTypes: ['retention'], languages: ['de'] } })).body.application.id
  for (const kind of ['qualificationCertificate', 'jobcoachingTraining', 'questionnaire']) {
    await coach.client.request('POST', '/api/pool/me/evidence', { kind, description: kind })
  }
  await coach.client.request('POST', '/api/pool/me/submit', {})
  for (const item of (await office.client.request('GET', `/api/pool/applications/${id}`)).body.application.evidence) {
    await office.client.request('POST', `/api/pool/applications/${id}/evidence/${item.id}/confirm`, { confirmed: true })
  }
  await office.client.request('POST', `/api/pool/applications/${id}/classify`, { group: 'group1' })
  await office.client.request('POST', `/api/pool/applications/${id}/approve`, { as: 'office' })
  await amt.client.request('POST', `/api/pool/applications/${id}/approve`, { as: 'integrationsamt' })
}

describe.skipIf(chromiumPath === null)('the Jobcoach pool (reason for skip: no Chromium here, see browser.ts)', () => {
  it('an applicant applies, the office classifies and admits with the Integrationsamt, a tandem accepts a request and opens the case', { timeout: 300_000 }, async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const admin = await setupAdmin(relay)
    const office = await createStaff(admin, { name: 'Koordinierungsstelle Nord' })
    const amt = await createStaff(admin, { name: 'Integrationsamt Hannover' })
    const miriam = await createStaff(admin, { name: 'Miriam Roth' })
    const tobias = await createStaff(admin, { name: 'Tobias Brandt' })
    await admin.client.request('PATCH', `/api/users/${office.user.id}`, { isCoordinator: true })
    await admin.client.request('PATCH', `/api/users/${amt.user.id}`, { isIntegrationsamt: true })
    await admittedViaApi(office, amt, tobias)

    const browser = await launchChromium()
    const phone = await newPerson(browser, { viewport: { width: 390, height: 844 } })
    const desk = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
    const amtDesk = await newPerson(browser, { viewport: { width: 1280, height: 900 } })

    // The applicant fills the form at phone width.
    const page = phone.page
    await loginViaForm(page, relay.url, miriam.user.email, miriam.password)
    await page.goto(`${relay.url}/pool`)
    await page.getByRole('heading', { level: 1, name: 'Jobcoach-Pool' }).waitFor()
    await byTestId(page, 'pool.form.fields-social').check()
    await page.getByLabel('Abschluss', { exact: true }).fill('Sozialpädagogin (B.A.)')
    await page.getByLabel('Stand der Weiterbildung', { exact: true }).selectOption('completed')
    await page.getByLabel('Anbieter', { exact: true }).selectOption('bagub')
    await page.getByLabel('Umfang in UE', { exact: true }).fill('168')
    await page.getByLabel('Abschlussprüfung bestanden', { exact: true }).check()
    await page.getByLabel('Fragebogen „Jobcoaching“ ausgefüllt', { exact: true }).check()
    await page.getByLabel('Region (Postleitzahlbereiche)', { exact: true }).fill('301, 302')
    await page.getByLabel('Freie Stunden pro Woche', { exact: true }).fill('10')
    await byTestId(page, 'pool.profile.caseTypes-retention').check()
    await byTestId(page, 'pool.profile.specialisations-autism').check()
    await byTestId(page, 'pool.own.save').click()
    await expect.poll(() => byTestId(page, 'pool.own.notice').innerText()).toContain('Gespeichert')
    for (const [kind, text] of [
      ['qualificationCertificate', 'Bachelorzeugnis Soziale Arbeit'],
      ['jobcoachingTraining', 'Zertifikat BAG UB 2024'],
      ['questionnaire', 'Fragebogen Jobcoaching'],
    ] as const) {
      await page.getByLabel('Art des Nachweises', { exact: true }).selectOption(kind)
      await page.getByLabel('Beschreibung', { exact: true }).fill(text)
      await byTestId(page, 'pool.evidence.add').click()
      await expect.poll(() => byTestId(page, 'pool.evidence').innerText()).toContain(text)
    }
    // The training certificate gets its file; a text file renamed to .pdf is refused before the upload, in German.
    const certificate = page.locator('[data-testid="pool.evidence-item"]').filter({ hasText: 'Zertifikat BAG UB 2024' })
    const certificatePdf = Buffer.from('%PDF-1.4\n% Zertifikat Jobcoaching, Miriam Roth, 168 UE\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')
    const fileInput = page.getByLabel('Datei zum Nachweis „Zertifikat BAG UB 2024“ (PDF oder Bild)', { exact: true })
    await fileInput.setInputFiles({ name: 'Zertifikat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('nur Text') })
    await certificate.getByRole('button', { name: 'Datei hochladen: „Zertifikat BAG UB 2024“' }).click()
    await expect.poll(() => byTestId(page, 'pool.own.error').innerText()).toContain('kein PDF')
    await fileInput.setInputFiles({ name: 'Zertifikat BAG UB.pdf', mimeType: 'application/pdf', buffer: certificatePdf })
    await certificate.getByRole('button', { name: 'Datei hochladen: „Zertifikat BAG UB 2024“' }).click()
    await expect.poll(() => byTestId(page, 'pool.own.notice').innerText()).toContain('gehört jetzt zum Nachweis')
    await expect.poll(() => certificate.getByRole('link', { name: 'Zertifikat BAG UB.pdf' }).count()).toBe(1)
    expect(await certificate.getByRole('button', { name: 'Datei ersetzen: „Zertifikat BAG UB 2024“' }).count()).toBe(1)
    // Unchecked evidence does not count yet: group 1 still lacks it.
    await expect.poll(() => byTestId(page, 'pool.group-check-group1').innerText()).toContain('geprüfter Nachweis der Jobcoaching-Weiterbildung')
    expect(await axeFindings(page)).toEqual([])
    expect(await noSidewaysScroll(page)).toBe(true)
    await byTestId(page, 'pool.own.submit').click()
    await expect.poll(() => byTestId(page, 'pool.own.status').innerText()).toContain('eingereicht')
    await page.screenshot({ path: '/tmp/fb20-application-390.png', fullPage: true })

    // The office checks the evidence, classifies and approves.
    const officePage = desk.page
    await loginViaForm(officePage, relay.url, office.user.email, office.password)
    await officePage.goto(`${relay.url}/pool/office`)
    await officePage.getByRole('link', { name: 'Miriam Roth' }).click()
    await officePage.getByRole('heading', { level: 1, name: 'Bewerbung von Miriam Roth' }).waitFor()
    // The office opens the certificate the applicant attached: the same bytes.
    const [download] = await Promise.all([officePage.waitForEvent('download'), officePage.getByRole('link', { name: 'Zertifikat BAG UB.pdf' }).click()])
    expect(download.suggestedFilename()).toBe('Zertifikat BAG UB.pdf')
    expect((await readFile((await download.path()) ?? '')).equals(certificatePdf)).toBe(true)
    for (let index = 0; index < 3; index += 1) {
      await officePage.getByRole('button', { name: /als geprüft markieren/ }).first().click()
      await expect.poll(() => officePage.getByRole('button', { name: /Prüfung von/ }).count()).toBe(index + 1)
    }
    await byTestId(officePage, 'pool.review.group').selectOption('group1')
    await byTestId(officePage, 'pool.review.classify').click()
    await expect.poll(() => byTestId(officePage, 'pool.review.status').innerText()).toContain('eingestuft')
    expect(await byTestId(officePage, 'pool.review.approve-amt').count()).toBe(0)
    await byTestId(officePage, 'pool.review.approve-office').click()
    await expect.poll(() => byTestId(officePage, 'pool.review.admission').innerText()).toContain('Zugestimmt: Koordinierungsstelle Nord')
    expect(await axeFindings(officePage)).toEqual([])

    // The Integrationsamt gives the second approval.
    await loginViaForm(amtDesk.page, relay.url, amt.user.email, amt.password)
    await amtDesk.page.goto(officePage.url())
    // The Integrationsamt sees the file too.
    await amtDesk.page.getByRole('link', { name: 'Zertifikat BAG UB.pdf' }).waitFor()
    await byTestId(amtDesk.page, 'pool.review.approve-amt').click()
    await expect.poll(() => byTestId(amtDesk.page, 'pool.review.status').innerText()).toContain('in den Pool aufgenommen')
    expect(await byTestId(amtDesk.page, 'pool.review.classify').count()).toBe(0)

    // A request is matched to a tandem.
    const requestId = (
      await office.client.request('POST', '/api/requests', {
        personName: 'Jonas Peters',
        requesterKind: 'integrationService',
        requesterName: 'IFD Hannover',
        firstContactOn: '2026-03-02',
        reason: 'Arbeitsplatz an der Kasse gefährdet.',
      })
    ).body.request.id
    await office.client.request('PATCH', `/api/requests/${requestId}`, { roughGoals: ['jobRetention'], consentOn: '2026-03-05' })
    await officePage.goto(`${relay.url}/pool/office`)
    await officePage.getByRole('link', { name: 'Tandem für Jonas Peters finden' }).click()
    await officePage.getByLabel('Postleitzahl des Arbeitsorts', { exact: true }).fill('30159')
    await byTestId(officePage, 'pool.match.caseType').selectOption('retention')
    await officePage.getByLabel('Stunden pro Woche', { exact: true }).fill('4')
    await byTestId(officePage, 'pool.match.specialisations-autism').check()
    await byTestId(officePage, 'pool.match.saveNeeds').click()
    await expect.poll(() => officePage.locator('[data-testid="pool.match.candidate"]').count()).toBe(2)
    await expect.poll(() => officePage.locator('[data-testid="pool.match.candidate"]').first().innerText()).toContain('Miriam Roth')
    await byTestId(officePage, 'pool.match.choose-Miriam Roth').check()
    await byTestId(officePage, 'pool.match.choose-Tobias Brandt').check()
    expect(await axeFindings(officePage)).toEqual([])
    await byTestId(officePage, 'pool.match.propose').click()
    await expect.poll(() => officePage.locator('[data-testid="pool.match.proposal"]').count()).toBe(2)

    // Tobias accepts; Miriam sees no personal data, accepts, and opens the new case.
    const tobiasProposal = (await tobias.client.request('GET', '/api/pool/proposals')).body.proposals[0].proposalId
    await tobias.client.request('POST', `/api/pool/proposals/${tobiasProposal}/answer`, { answer: 'accept' })
    await page.goto(`${relay.url}/pool`)
    const proposal = byTestId(page, 'pool.proposal')
    await proposal.waitFor()
    const shown = await proposal.innerText()
    expect(shown).toContain('Region 301')
    for (const secret of ['Jonas', 'Peters', 'Kasse', 'Autismus', 'IFD']) {
      expect(shown).not.toContain(secret)
    }
    expect(await noSidewaysScroll(page)).toBe(true)
    await byTestId(page, 'pool.proposal-accept').click()
    await byTestId(page, 'pool.proposal-case').click()
    await page.waitForURL(/\/cases\/[A-Za-z0-9_-]+$/, { timeout: 30_000 })
    await expect.poll(() => byTestId(page, 'case.title').innerText(), { timeout: 30_000 }).toContain('Jonas Peters')
    await page.screenshot({ path: '/tmp/fb20-case-390.png', fullPage: true })

    await Promise.all([phone.context.close(), desk.context.close(), amtDesk.context.close()])
    await browser.close()
    await relay.stop()
  })
})
