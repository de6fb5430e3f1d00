// @vitest-environment jsdom
/** The billing screen's first view for people it does not serve yet, rendered with the API mocked. */
import { MemoryRouter } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../api/errors.js'
import i18n from '../../i18n/index.js'
import { mountedRoot } from '../../testing/mountedRoot.js'
import { BillingScreen } from './BillingScreen.js'

const { fundingBodies, list } = vi.hoisted(() => ({ fundingBodies: vi.fn(), list: vi.fn() }))
vi.mock('../../api/fundingEndpoints.js', () => ({ fundingApi: { fundingBodies } }))
vi.mock('../../api/invoiceEndpoints.js', () => ({ invoiceApi: { list } }))

await i18n.changeLanguage('de')

const mounted = mountedRoot()
afterEach(() => {
  vi.resetAllMocks()
})

async function render(): Promise<void> {
  await mounted.render(
    <MemoryRouter>
      <BillingScreen />
    </MemoryRouter>,
  )
}

const byTestId = (testId: string): Element | null => mounted.container.querySelector(`[data-testid="${testId}"]`)

describe('BillingScreen', () => {
  it('explains, without an error box or a form, that an account coaching no case and without the billing flag bills nothing', async () => {
    fundingBodies.mockResolvedValue({ data: { fundingBodies: [] }, fromCache: false })
    list.mockRejectedValue(new ApiError(403, 'forbidden', 'no billing', 'invoicesCoachesOrBilling'))
    await render()
    expect(byTestId('billing.not-billing')?.textContent).toContain('Sie sind in keinem Fall Jobcoach und haben kein Abrechnungsrecht')
    expect(byTestId('billing.error')).toBeNull()
    expect(byTestId('billing.show-draft')).toBeNull()
  })

  it('says the directory is empty and who fills it, when no funding body exists yet', async () => {
    fundingBodies.mockResolvedValue({ data: { fundingBodies: [] }, fromCache: false })
    list.mockResolvedValue({ data: { invoices: [] }, fromCache: false })
    await render()
    expect(byTestId('billing.no-bodies')?.textContent).toContain('Die Verwaltung legt die Leistungsträger an')
    expect(byTestId('billing.show-draft')).not.toBeNull()
  })

  it('shows any other failure as an error', async () => {
    fundingBodies.mockResolvedValue({ data: { fundingBodies: [] }, fromCache: false })
    list.mockRejectedValue(new ApiError(500, 'internal_error', 'boom'))
    await render()
    expect(byTestId('billing.not-billing')).toBeNull()
    expect(byTestId('billing.error')?.textContent).not.toBe('')
  })
})
