/**
 * The whole storage, for wiring only (createServer, openStorage, scripts,
 * tests): the ports of every resource in one object. A consumer takes the
 * narrow ports it uses (`UserStorage & SessionStorage`, …), not this.
 * `sqlite/openSqliteStorage` opens the embedded default,
 * `postgres/openPostgresStorage` the scaled-out one; both are built from the
 * same resource modules (openSqlStorage) and pass the one suite in
 * test/integration/storage{Rooms,Accounts,Cases}.test.ts. A resolved
 * Promise means "committed" (contract §6).
 */
import type { Keyring } from '../crypto/Keyring.js'
import type { AgreementStorage } from './agreements/AgreementStorage.js'
import type { AttachmentStorage } from './attachments/AttachmentStorage.js'
import type { AuditStorage } from './audit/AuditStorage.js'
import type { BillingStorage } from './billing/BillingStorage.js'
import type { InvoiceStorage } from './invoices/InvoiceStorage.js'
import type { ReleaseStorage } from './releases/ReleaseStorage.js'
import type { CaseStorage } from './cases/CaseStorage.js'
import type { ErasureStorage } from './erasure/ErasureStorage.js'
import type { ConsentStorage } from './consents/ConsentStorage.js'
import type { FundingStorage } from './funding/FundingStorage.js'
import type { HoursProofStorage } from './hoursProof/HoursProofStorage.js'
import type { InvitationStorage } from './invitations/InvitationStorage.js'
import type { RequestStorage } from './requests/RequestStorage.js'
import type { PoolInvitationStorage } from './pool/PoolInvitationStorage.js'
import type { PoolStorage } from './pool/PoolStorage.js'
import type { EmployerDirectoryStorage, JobSearchStorage } from './jobSearch/JobSearchStorage.js'
import type { AccountSettingsStorage, OutboxStorage } from './mail/MailStorage.js'
import type { CalendarFeedStorage } from './calendar/CalendarFeedStorage.js'
import type { MemberStorage } from './members/MemberStorage.js'
import type { PasswordResetStorage } from './passwordResets/PasswordResetStorage.js'
import type { OperationsStorage } from './ops/OperationsStorage.js'
import type { ClientIdStorage, RoomStorage } from './rooms/RoomStorage.js'
import type { SessionStorage } from './sessions/SessionStorage.js'
import type { SupervisionStorage } from './supervision/SupervisionStorage.js'
import type { UserStorage } from './users/UserStorage.js'
import type { VersionStorage } from './versions/VersionStorage.js'

export type * from './agreements/AgreementStorage.js'
export type * from './attachments/AttachmentStorage.js'
export type * from './audit/AuditStorage.js'
export type * from './billing/BillingStorage.js'
export type * from './invoices/InvoiceStorage.js'
export type * from './releases/ReleaseStorage.js'
export type * from './cases/CaseStorage.js'
export type * from './erasure/ErasureStorage.js'
export type * from './consents/ConsentStorage.js'
export type * from './funding/FundingStorage.js'
export type * from './hoursProof/HoursProofStorage.js'
export type * from './invitations/InvitationStorage.js'
export type * from './requests/RequestStorage.js'
export type * from './pool/PoolStorage.js'
export type * from './pool/PoolInvitationStorage.js'
export type * from './jobSearch/JobSearchStorage.js'
export type * from './mail/MailStorage.js'
export type * from './calendar/CalendarFeedStorage.js'
export type * from './members/MemberStorage.js'
export type * from './passwordResets/PasswordResetStorage.js'
export type * from './ops/OperationsStorage.js'
export type * from './rooms/RoomStorage.js'
export { CaseErasedError } from './rooms/RoomStorage.js'
export type * from './sessions/SessionStorage.js'
export type * from './supervision/SupervisionStorage.js'
export type * from './users/UserStorage.js'
export type * from './versions/VersionStorage.js'

/** The data keys of encryption at rest, for the few that manage keys (erasure, key rotation, start-up checks). */
export interface KeyringHolder {
  /**
   * The data keys that seal room updates, case titles and consent purposes
   * at rest. `keyring.destroyCaseKey(caseId)` crypto-shreds a case (its rows
   * and every backup of them become unreadable).
   */
  readonly keyring: Keyring
}

/** Everything the relay stores: every resource's port, the keyring and close. */
export interface Storage
  extends RoomStorage,
    ClientIdStorage,
    UserStorage,
    SessionStorage,
    CaseStorage,
    ErasureStorage,
    MemberStorage,
    InvitationStorage,
    PasswordResetStorage,
    AgreementStorage,
    VersionStorage,
    AuditStorage,
    ConsentStorage,
    ReleaseStorage,
    BillingStorage,
    FundingStorage,
    HoursProofStorage,
    InvoiceStorage,
    RequestStorage,
    AttachmentStorage,
    PoolStorage,
    PoolInvitationStorage,
    JobSearchStorage,
    EmployerDirectoryStorage,
    SupervisionStorage,
    OutboxStorage,
    AccountSettingsStorage,
    CalendarFeedStorage,
    OperationsStorage,
    KeyringHolder {
  /** Closes the database (and its keystore); no call may follow. */
  close(): Promise<void>
}
