/**
 * Supervision (issue 6) in Chromium: the admin makes a group; a coach
 * creates an anonymised copy of a case from the case page, reviews it (every
 * replacement highlighted, the legend for the author only), redacts a word
 * and releases it to the group; a supervisor browses the group's copies,
 * reads it and writes in the discussion; a second supervisor sees that live.
 * Issue 19: the supervisor reads the three-party agreement's parts, the job
 * search and the accompaniment in the copy, anonymised, also at 390 px.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addIncident, addSupportIntensity, setProgressInterval } from '../../shared/src/caseDocument/accompaniment.js'
import { setAgreementPart } from '../../shared/src/caseDocument/agreementParts.js'
import { setExitForm } from '../../shared/src/caseDocument/exitForm.js'
import { phaseNotes } from '../../shared/src/caseDocument/notes.js'
import { addParticipant, setPlanMetaField } from '../../shared/src/caseDocument/plan.js'
import { createCase, createStaff, setupAdmin } from '../helpers/apiClient.js'
import { startRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { connectProvider, storedDoc } from '../integration/support/syncClients.js'
import { axeFindings } from './axe.js'
import { builtClientDir, chromiumPath, launchChromium } from './browser.js'
import { byTestId, editorText, explainFailure, loginViaForm, newPerson, noHorizontalOverflow, typeAtEnd } from './pages.js'

describe.skipIf(chromiumPath === null)('supervision copies (reason for skip: no Chromium here, see browser.ts)', () => {
  it('a coach creates, reviews, redacts and releases a copy; two supervisors discuss it live', async () => {
    const relay = await startRelay({ clientDir: builtClientDir })
    const miriam = await setupAdmin(relay)
    const ursula = await createStaff(miriam, { name: 'Ursula Berg', email: 'ursula.berg@example.org', password: 'ursula-passwort-1' })
    const viktor = await createStaff(miriam, { name: 'Viktor Hahn', email: 'viktor.hahn@example.org', password: 'viktor-passwort-1' })
    const kase = await createCase(miriam)

    // The case as the coaches wrote it (glossary example).
    const plan = await connectProvider(relay.wsUrl, `cases/${kase.id}/plan`, miriam.client.cookie)
    const notes = await connectProvider(relay.wsUrl, `cases/${kase.id}/notes`, miriam.client.cookie)
    setPlanMetaField(plan.doc, 'employerName', 'Frischmarkt Nord')
    addParticipant(plan.doc, { id: 'p1', name: 'Jonas Peters', role: 'other', function: 'Kassierer', organisation: 'Frischmarkt Nord' })
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Jonas und Frau Lange streiten über die Kassendifferenz im Frischmarkt.')])
    phaseNotes(notes.doc, 'analysis').insert(0, [paragraph])
    // Issue 19: the Swiss agreement's parts, the accompaniment and a job-search entry.
    setPlanMetaField(plan.doc, 'startDate', '2026-03-02')
    setAgreementPart(plan.doc, 'companyContact', 'Petra Lange, Filialleitung')
    setAgreementPart(plan.doc, 'pay', 'CHF 3800 brutto im Monat')
    addSupportIntensity(notes.doc, { id: 's1', from: '2026-03-09', level: 'high', hoursPerWeek: 4, note: 'Einarbeitung mit Jonas' })
    setProgressInterval(notes.doc, 4)
    addIncident(notes.doc, {
      id: 'i1',
      date: '2026-04-13',
      kind: 'conflict',
      coachId: miriam.user.id,
      description: 'Jonas und Frau Lange streiten über Pausen.',
      reportedTo: 'IV-Stelle',
      followUps: [{ id: 'f1', text: 'Gespräch mit Jonas und Frau Lange', due: '2026-04-20', done: false }],
    })
    setExitForm(notes.doc, { date: '2026-09-30', reason: 'goalReached', followUps: ['rav'], handover: 'Jonas meldet sich beim RAV.' })
    const searchEntry = {
      kind: 'application',
      employerName: 'Migros Aare',
      contactPerson: 'Stefan Brunner',
      position: 'Lagerhelfer',
      placementKind: 'trainingPlacement',
      date: '2026-03-10',
      status: 'interview',
      interviewOn: '2026-03-17',
      interviewPreparation: 'Gespräch bei Migros mit Jonas geübt',
      accompaniedByCoach: true,
    }
    expect((await miriam.client.request('POST', `/api/cases/${kase.id}/job-search`, searchEntry)).status).toBe(201)
    await until(() => storedDoc(relay.dataDir, `cases/${kase.id}/notes`).getXmlFragment('phase:analysis').length === 1, { message: 'the notes to be stored' })
    await until(() => storedDoc(relay.dataDir, `cases/${kase.id}/notes`).getMap('exitForm').has('handover'), { message: 'the accompaniment to be stored' })
    await until(() => storedDoc(relay.dataDir, `cases/${kase.id}/plan`).getArray('participants').length === 1, { message: 'the plan to be stored' })
    await until(() => storedDoc(relay.dataDir, `cases/${kase.id}/plan`).getMap('agreementParts').size === 2, { message: 'the agreement parts to be stored' })

    const browser = await launchChromium()
    try {
      // The admin (Miriam is also the coach) makes the group and adds its members.
      const coach = await newPerson(browser)
      coach.page.on('dialog', (dialog) => void dialog.accept())
      await loginViaForm(coach.page, relay.url, miriam.user.email, miriam.password)
      await coach.page.goto(`${relay.url}/admin`)
      await byTestId(coach.page, 'supervision.group-name').fill('Fallsupervision Nord')
      await byTestId(coach.page, 'supervision.group-create').click()
      const group = byTestId(coach.page, 'supervision.group')
      await group.waitFor()
      for (const person of [miriam, ursula, viktor]) {
        await byTestId(coach.page, 'supervision.group-add-user').selectOption({ label: `${person.user.name} (${person.user.email})` })
        await byTestId(coach.page, 'supervision.group-add').click()
        await expect.poll(() => group.innerText()).toContain(person.user.email)
      }

      // The coach creates a copy from the case page and reviews it.
      await coach.page.goto(`${relay.url}/cases/${kase.id}`)
      await explainFailure(coach.page, 'create a copy', () => byTestId(coach.page, 'supervision.create-copy').click({ timeout: 15_000 }))
      const copyView = byTestId(coach.page, 'supervision.copy')
      await explainFailure(coach.page, 'copy opens', () => copyView.waitFor())
      const notesOfCopy = byTestId(coach.page, 'supervision.copy-phase-analysis')
      await expect.poll(() => editorText(notesOfCopy)).toContain('Person A')
      const text = await editorText(notesOfCopy)
      expect(text).not.toContain('Jonas')
      expect(text).not.toContain('Frischmarkt')
      // Every replacement is highlighted and says what it replaced.
      const highlight = notesOfCopy.locator('mark.anonymised').first()
      expect(await highlight.getAttribute('title')).toMatch(/^ersetzt: /)
      expect(await notesOfCopy.locator('mark.anonymised').count()).toBeGreaterThanOrEqual(2)
      // The legend is there for the author.
      await expect.poll(() => byTestId(coach.page, 'supervision.legend').innerText()).toContain('Jonas Peters')
      const firstUrl = coach.page.url()

      // Redact a word (keyboard path: typed in), which builds a new copy.
      await byTestId(coach.page, 'supervision.redact-text').fill('Kassendifferenz')
      await byTestId(coach.page, 'supervision.redact-add').click()
      await byTestId(coach.page, 'supervision.redact-apply').click()
      await coach.page.waitForFunction((old) => location.href !== old, firstUrl)
      await expect.poll(() => editorText(byTestId(coach.page, 'supervision.copy-phase-analysis'))).toContain('[geschwärzt]')
      expect(await editorText(byTestId(coach.page, 'supervision.copy-phase-analysis'))).not.toContain('Kassendifferenz')

      // Release to the group.
      await byTestId(coach.page, 'supervision.release').click()
      await expect.poll(() => byTestId(coach.page, 'supervision.copy-state').getAttribute('data-released')).toBe('true')
      const copyUrl = coach.page.url()

      // A supervisor browses the group's copies and opens it: no legend, the discussion writable.
      const first = await newPerson(browser)
      await loginViaForm(first.page, relay.url, ursula.user.email, ursula.password)
      await byTestId(first.page, 'header.supervision').click()
      const item = byTestId(first.page, 'supervision.group-copies').locator('a').first()
      await item.waitFor()
      await item.click()
      await explainFailure(first.page, 'supervisor opens the copy', () => byTestId(first.page, 'supervision.copy').waitFor())
      expect(first.page.url()).toBe(copyUrl)
      await expect.poll(() => editorText(byTestId(first.page, 'supervision.copy-phase-analysis'))).toContain('[geschwärzt]')
      expect(await byTestId(first.page, 'supervision.legend').count()).toBe(0)
      expect(await byTestId(first.page, 'supervision.review').count()).toBe(0)

      // Issue 19: the agreement's parts, the job search and the accompaniment, read-only and anonymised.
      const parts = await byTestId(first.page, 'supervision.copy-agreement-parts').innerText()
      expect(parts).toContain('Ansprechperson im Betrieb')
      expect(parts).toMatch(/Person [A-Z], Filialleitung/)
      expect(parts).toContain('CHF 3800 brutto im Monat')
      const search = await byTestId(first.page, 'supervision.copy-job-search-entry').innerText()
      expect(search).toMatch(/Woche 2 – Bewerbung: Betrieb [A-Z], Lagerhelfer/)
      expect(search).toContain('Trainingsplatz')
      expect(search).toMatch(/Ansprechperson im Betrieb\s+Person [A-Z]/)
      expect(search).toMatch(/Vorbereitung auf das Gespräch\s+Gespräch bei Betrieb [A-Z] mit Person [A-Z] geübt/)
      const accompaniment = await byTestId(first.page, 'supervision.copy-accompaniment').innerText()
      expect(accompaniment).toMatch(/Woche 2: intensiv \(4 Stunden pro Woche\) – Einarbeitung mit Person [A-Z]/)
      expect(accompaniment).toMatch(/Standortgespräche\s+Fällig alle 4 Wochen\./)
      expect(await byTestId(first.page, 'supervision.copy-incident').innerText()).toMatch(/Woche 7 – Konflikt[\s\S]*Person [A-Z] und Person [A-Z] streiten[\s\S]*bis Woche 8\) – offen/)
      expect(await byTestId(first.page, 'supervision.copy-exit').innerText()).toMatch(/Ziel erreicht[\s\S]*RAV \(Regionales Arbeitsvermittlungszentrum\)[\s\S]*Person [A-Z] meldet sich beim RAV\./)
      const whole = await byTestId(first.page, 'supervision.copy').innerText()
      for (const secret of ['Jonas', 'Lange', 'Migros', 'Brunner', '2026']) {
        expect(whole, secret).not.toContain(secret)
      }
      // Nothing of it is a control: the copy is read-only for the group.
      expect(await byTestId(first.page, 'supervision.copy').locator('input, select, textarea, button').count()).toBe(0)
      await first.page.setViewportSize({ width: 390, height: 844 })
      await noHorizontalOverflow(first.page)
      expect(await axeFindings(first.page)).toEqual([])
      await first.page.setViewportSize({ width: 1280, height: 800 })

      const second = await newPerson(browser)
      await loginViaForm(second.page, relay.url, viktor.user.email, viktor.password)
      await second.page.goto(copyUrl)
      const secondDiscussion = byTestId(second.page, 'supervision.discussion-editor')
      await secondDiscussion.waitFor()

      const firstDiscussion = byTestId(first.page, 'supervision.discussion-editor')
      await expect.poll(() => firstDiscussion.getAttribute('contenteditable')).toBe('true')
      await typeAtEnd(first.page, firstDiscussion, 'Was hätte Person B als Schichtleitung gebraucht?')
      await explainFailure(second.page, 'second supervisor sees the discussion', () =>
        expect.poll(() => editorText(secondDiscussion), { timeout: 10_000 }).toContain('Was hätte Person B als Schichtleitung gebraucht?'),
      )
      // The copy itself stays read-only for everyone.
      expect(await byTestId(second.page, 'supervision.copy-phase-analysis').getAttribute('contenteditable')).toBe('false')
    } finally {
      await browser.close()
    }
  })
})
