// @vitest-environment jsdom
/** The coachee's consent switches and the list of grants, rendered with the API mocked. */
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Member } from '../../../../../shared/src/api/cases.js'
import type { ConsentGrant } from '../../../../../shared/src/api/consents.js'
import i18n from '../../../i18n/index.js'
import { ConsentSwitches } from './ConsentSwitches.js'
import { GrantsList } from './GrantsList.js'

const { grantConsent, revokeConsent } = vi.hoisted(() => ({ grantConsent: vi.fn(), revokeConsent: vi.fn() }))
vi.mock('../../../api/endpoints.js', () => ({ api: { grantConsent, revokeConsent } }))

await i18n.changeLanguage('de')

const caseId = 'caseAAAAAAAAAAAAAAAAAAAA'
const petra: Member = {
  id: 'memberPetraLange0001',
  userId: 'userPetraLange000001',
  name: 'Petra Lange',
  email: 'petra.lange@frischmarkt.example',
  role: 'employer',
  addedAt: '2026-03-01T08:00:00.000Z',
}

function buildGrant(overrides: Partial<ConsentGrant> = {}): ConsentGrant {
  return {
    id: 'grant000000000000001',
    field: 'healthRestrictions',
    healthData: true,
    memberId: petra.id,
    memberName: 'Petra Lange',
    memberRole: 'employer',
    purpose: 'Schichtplanung ohne Frühschichten',
    evidence: 'inApp',
    signedOn: null,
    grantedAt: '2026-03-10T09:30:00.000Z',
    grantedBy: 'userJonasPeters00001',
    grantedByName: 'Jonas Peters',
    validUntil: null,
    revokedAt: null,
    revokedBy: null,
    revokedByName: null,
    active: true,
    endedBy: null,
    ...overrides,
  }
}

let container: HTMLDivElement
let root: Root
beforeEach(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
  grantConsent.mockReset().mockResolvedValue({ data: { grant: buildGrant() }, fromCache: false })
  revokeConsent.mockReset().mockResolvedValue({ data: { grant: buildGrant({ revokedAt: '2026-03-12T10:00:00.000Z' }) }, fromCache: false })
})
afterEach(() => {
  act(() => root.unmount())
  container.remove()
})

function renderSwitches(grants: ConsentGrant[], onChanged = vi.fn()): void {
  act(() =>
    root.render(
      <ConsentSwitches caseId={caseId} recipients={[petra]} grants={grants} today="2026-03-12" company="Frischmarkt Nord" offline={false} onChanged={onChanged} />,
    ),
  )
}

function row(field: string): HTMLElement {
  const element = container.querySelector<HTMLElement>(`[data-testid="consent.switch-row"][data-field="${field}"]`)
  if (!element) {
    throw new Error(`no switch row for ${field}`)
  }
  return element
}

const switchOf = (field: string): HTMLButtonElement => row(field).querySelector<HTMLButtonElement>('[data-testid="consent.switch"]') as HTMLButtonElement

async function click(element: Element): Promise<void> {
  await act(async () => {
    ;(element as HTMLElement).click()
  })
}

describe('ConsentSwitches', () => {
  it('says for each field exactly who could read what, and which fields are health data', () => {
    renderSwitches([])
    expect(container.querySelectorAll('[data-testid="consent.switch"]')).toHaveLength(6)
    // Plain words first, the formal term beside them (issue 16).
    expect(switchOf('healthRestrictions').querySelector('.switch-label')?.textContent).toBe('Was wegen Ihrer Gesundheit nicht geht (Gesundheitliche Einschränkungen)')
    expect(switchOf('releaseFromConfidentiality').querySelector('.switch-label')?.textContent).toBe('Mit wem wir über Sie sprechen dürfen (Schweigepflichtentbindung)')
    expect(row('healthRestrictions').textContent).toContain(
      'Petra Lange von Frischmarkt Nord kann dann lesen, was Ihr Jobcoach unter „Was wegen Ihrer Gesundheit nicht geht“ geschrieben hat.',
    )
    expect(row('healthRestrictions').textContent).toContain('Das sind Angaben über Ihre Gesundheit.')
    expect(row('financialSituation').textContent).not.toContain('Gesundheit.')
    expect(switchOf('healthRestrictions').getAttribute('aria-checked')).toBe('false')
  })

  it('asks for the purpose (prefilled) before granting in the app, then tells what happened', async () => {
    const onChanged = vi.fn()
    renderSwitches([], onChanged)
    await click(switchOf('healthRestrictions'))
    expect(grantConsent).not.toHaveBeenCalled()
    const purpose = row('healthRestrictions').querySelector<HTMLTextAreaElement>('[data-testid="consent.purpose"]')
    expect(purpose?.value).toContain('gesundheitlichen Einschränkungen')
    expect(document.activeElement).toBe(purpose)

    await click(row('healthRestrictions').querySelector('[data-testid="consent.confirm"]') as Element)
    expect(grantConsent).toHaveBeenCalledWith(caseId, {
      field: 'healthRestrictions',
      memberId: petra.id,
      purpose: purpose?.value.trim(),
      evidence: 'inApp',
    })
    expect(onChanged).toHaveBeenCalledTimes(1)
    expect(switchOf('healthRestrictions').getAttribute('aria-checked')).toBe('true')
    expect(container.querySelector('[data-testid="consent.status"]')?.textContent).toBe(
      'Erledigt: Petra Lange von Frischmarkt Nord kann jetzt „Was wegen Ihrer Gesundheit nicht geht“ lesen.',
    )
  })

  it('closes the question with Escape without granting', async () => {
    renderSwitches([])
    await click(switchOf('diagnosis'))
    const form = row('diagnosis').querySelector('[data-testid="consent.ask"]') as HTMLElement
    await act(async () => {
      form.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    })
    expect(row('diagnosis').querySelector('[data-testid="consent.ask"]')).toBeNull()
    expect(document.activeElement).toBe(switchOf('diagnosis'))
    expect(grantConsent).not.toHaveBeenCalled()
  })

  it('revokes with one action when switched off', async () => {
    renderSwitches([buildGrant()])
    expect(switchOf('healthRestrictions').getAttribute('aria-checked')).toBe('true')
    await click(switchOf('healthRestrictions'))
    expect(revokeConsent).toHaveBeenCalledWith(caseId, 'grant000000000000001')
    expect(row('healthRestrictions').querySelector('[data-testid="consent.ask"]')).toBeNull()
    expect(switchOf('healthRestrictions').getAttribute('aria-checked')).toBe('false')
    expect(container.querySelector('[data-testid="consent.status"]')?.textContent).toContain('kann „Was wegen Ihrer Gesundheit nicht geht“ nicht mehr lesen')
  })

  it('switching off right after switching on revokes the grant just made, before the list is read again', async () => {
    grantConsent.mockResolvedValue({ data: { grant: buildGrant({ id: 'grantJustMade0000001' }) }, fromCache: false })
    renderSwitches([])
    await click(switchOf('healthRestrictions'))
    await click(row('healthRestrictions').querySelector('[data-testid="consent.confirm"]') as Element)
    expect(switchOf('healthRestrictions').getAttribute('aria-checked')).toBe('true')
    await click(switchOf('healthRestrictions'))
    expect(revokeConsent).toHaveBeenCalledWith(caseId, 'grantJustMade0000001')
    expect(switchOf('healthRestrictions').getAttribute('aria-checked')).toBe('false')
  })

  it('refuses an end date in the past without asking the server', async () => {
    renderSwitches([])
    await click(switchOf('medication'))
    const until = row('medication').querySelector<HTMLInputElement>('[data-testid="consent.valid-until"]') as HTMLInputElement
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
      setValue?.call(until, '2026-03-01')
      until.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await click(row('medication').querySelector('[data-testid="consent.confirm"]') as Element)
    expect(grantConsent).not.toHaveBeenCalled()
    expect(until.getAttribute('aria-invalid')).toBe('true')
    expect(row('medication').textContent).toContain('Dieses Datum ist schon vorbei.')
  })
})

describe('GrantsList', () => {
  const grants = [
    buildGrant(),
    buildGrant({
      id: 'grant000000000000002',
      field: 'diagnosis',
      evidence: 'signedForm',
      signedOn: '2026-03-05',
      grantedByName: 'Miriam Roth',
      revokedAt: '2026-03-11T10:00:00.000Z',
      revokedBy: 'userJonasPeters00001',
      revokedByName: 'Jonas Peters',
      active: false,
      endedBy: 'revoked',
    }),
    buildGrant({ id: 'grant000000000000003', field: 'financialSituation', healthData: false, validUntil: '2026-03-11', active: false, endedBy: 'lapsed' }),
  ]
  const html = (canRevoke: boolean, plain = false): string =>
    renderToStaticMarkup(
      <GrantsList
        caseId={caseId}
        grants={grants}
        fromCache={false}
        loadError={null}
        today="2026-03-12"
        canRevoke={canRevoke}
        offline={false}
        plain={plain}
        onRevoked={() => undefined}
      />,
    )

  it('shows every grant with its state and evidence, active ones first', () => {
    const markup = html(false)
    const states = [...markup.matchAll(/data-testid="consent.grant" [^>]*data-state="(\w+)"/g)].map((match) => match[1])
    expect(states).toEqual(['active', 'revoked', 'lapsed'])
    expect(markup).toContain('in der App, von Jonas Peters')
    expect(markup).toContain('unterschriebenes Formular vom 5. März 2026, eingetragen von Miriam Roth')
    expect(markup).toContain('widerrufen am')
    expect(markup).toContain('abgelaufen')
    expect(markup).toContain('bis auf Widerruf')
    expect(markup).not.toContain('consent.grant.revoke')
  })

  it('offers revoking only active grants, to the coachee and coaches', () => {
    const markup = html(true)
    expect(markup.split('data-testid="consent.grant.revoke"').length - 1).toBe(1)
    expect(markup).toContain('aria-label="Widerrufen: Petra Lange darf „Gesundheitliche Einschränkungen“ nicht mehr lesen"')
  })

  it("speaks the coachee's plain words, the formal terms only beside them", () => {
    const markup = html(true, true)
    expect(markup).toContain('Das haben Sie bisher erlaubt')
    expect(markup).toContain('Was wegen Ihrer Gesundheit nicht geht</strong> <small class="formal-term">(Gesundheitliche Einschränkungen)</small>')
    expect(markup).toContain('hier in Fallbuch, von Jonas Peters')
    expect(markup).toContain('auf Papier unterschrieben am 5. März 2026, eingetragen von Miriam Roth')
    expect(markup).toContain('zurückgenommen am')
    expect(markup).toContain('bis Sie es zurücknehmen')
    expect(markup).toContain('>Zurücknehmen</button>')
    for (const formal of ['Widerruf', 'Nachweis', 'Gültig bis', 'Zweck', 'abgelaufen', 'in der App']) {
      expect(markup).not.toContain(formal)
    }
  })
})
