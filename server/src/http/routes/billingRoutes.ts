/**
 * The billing records erased cases left behind (issue 16: hours and
 * approvals): admins list them
 * (`billing.listRetained`); nobody changes them — they go when their own
 * retention ends (commands/billingRecords.ts; removed by lifecycle/billingSweeper.ts).
 */
import type { FastifyInstance } from 'fastify'
import type { RetainedBillingReply } from '../../../../shared/src/api/billing.js'
import type { BillingApproval, BillingHours, BillingStorage } from '../../storage/billing/BillingStorage.js'
import type { SessionStorage } from '../../storage/sessions/SessionStorage.js'
import type { AppContext } from '../AppContext.js'
import { assertMay } from '../assertMay.js'
import { authenticate } from '../authenticate.js'

/** The storage ports this module uses. */
type Ports = BillingStorage & SessionStorage

export function registerBillingRoutes(app: FastifyInstance, ctx: AppContext<Ports>): void {
  app.get('/api/admin/billing/retained', async (request): Promise<RetainedBillingReply> => {
    const { user } = await authenticate(ctx, request)
    assertMay(null, 'billing.listRetained', { isAdmin: user.isAdmin })
    const records = await ctx.storage.listRetainedBilling()
    return {
      records: records.map(({ details, ...record }) => (record.kind === 'hours' ? { ...record, ...(details as BillingHours) } : { ...record, ...(details as BillingApproval) })),
    }
  })
}
