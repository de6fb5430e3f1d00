/**
 * What both backends do once their database is open: migrate it, then build
 * the composite {@link Storage} from the resource modules. A backend brings
 * only what differs (its database, room log, migration list and ledger, and
 * how it reclaims freed storage).
 */
import { createAgreementStore } from './agreements/agreementStore.js'
import { createAttachmentStore } from './attachments/attachmentStore.js'
import { createAuditStore } from './audit/auditStore.js'
import { createCaseStore } from './cases/caseStore.js'
import { createErasureStore } from './erasure/erasureStore.js'
import { createConsentStore } from './consents/consentStore.js'
import { createBillingStore } from './billing/billingStore.js'
import { createInvoiceStore } from './invoices/invoiceStore.js'
import { createReleaseStore } from './releases/releaseStore.js'
import { createFundingStore } from './funding/fundingStore.js'
import { createHoursProofStore } from './hoursProof/hoursProofStore.js'
import { createRequestStore } from './requests/requestStore.js'
import { createPoolInvitationStore } from './pool/poolInvitationStore.js'
import { createPoolStore } from './pool/poolStore.js'
import { createJobSearchStore } from './jobSearch/jobSearchStore.js'
import { createInvitationStore } from './invitations/invitationStore.js'
import { createAccountSettingsStore } from './mail/accountSettingsStore.js'
import { createOutboxStore } from './mail/outboxStore.js'
import { createCalendarFeedStore } from './calendar/calendarFeedStore.js'
import { createMemberStore } from './members/memberStore.js'
import { createPasswordResetStore } from './passwordResets/passwordResetStore.js'
import { createOpsStore } from './ops/opsStore.js'
import { createClientIdStore } from './rooms/clientIdStore.js'
import { createRoomStore } from './rooms/roomStore.js'
import { createSessionStore } from './sessions/sessionStore.js'
import type { Storage } from './Storage.js'
import type { StoreContext } from './StoreContext.js'
import type { Migration, MoveContext } from './migrations/Migration.js'
import { migrate, type MigrationLedger } from './migrations/migrate.js'
import { createSupervisionCopyStore } from './supervision/copyStore.js'
import { createSupervisionGroupStore } from './supervision/groupStore.js'
import { createUserStore } from './users/userStore.js'
import { createVersionStore } from './versions/versionStore.js'

/** An open backend, ready to be migrated. */
export interface SqlBackend extends StoreContext {
  migrations: readonly Migration[]
  ledger: MigrationLedger
  /** After the one-time sealing rewrote plaintext rows: drops their old versions where the backend can, and logs. */
  afterRewrite: MoveContext['afterRewrite']
  /** Ends the database and the keystore (when migrating fails, and as the storage's close). */
  close(): Promise<void>
}

/** Migrates the backend's database (closing it when that fails) and returns every resource's port over it. */
export async function openSqlStorage({ migrations, ledger, afterRewrite, close, ...context }: SqlBackend): Promise<Storage> {
  try {
    await migrate(migrations, ledger, { ...context, afterRewrite })
  } catch (err) {
    await close()
    throw err
  }
  return createSqlStorage(context, close)
}

/** Every resource's port over one database. */
function createSqlStorage(context: StoreContext, close: () => Promise<void>): Storage {
  return {
    ...createRoomStore(context),
    ...createClientIdStore(context),
    ...createUserStore(context),
    ...createSessionStore(context),
    ...createCaseStore(context),
    ...createErasureStore(context),
    ...createMemberStore(context),
    ...createInvitationStore(context),
    ...createPasswordResetStore(context),
    ...createAgreementStore(context),
    ...createVersionStore(context),
    ...createAuditStore(context),
    ...createConsentStore(context),
    ...createReleaseStore(context),
    ...createBillingStore(context),
    ...createInvoiceStore(context),
    ...createFundingStore(context),
    ...createHoursProofStore(context),
    ...createRequestStore(context),
    ...createAttachmentStore(context),
    ...createPoolStore(context),
    ...createPoolInvitationStore(context),
    ...createJobSearchStore(context),
    ...createSupervisionGroupStore(context),
    ...createSupervisionCopyStore(context),
    ...createOutboxStore(context),
    ...createAccountSettingsStore(context),
    ...createCalendarFeedStore(context),
    ...createOpsStore(context),
    keyring: context.atRest.keyring,
    close,
  }
}
