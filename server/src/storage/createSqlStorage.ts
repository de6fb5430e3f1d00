/** The composite {@link Storage} of either backend, built from the resource modules. */
import { createAgreementStore } from './agreements/agreementStore.js'
import { createAuditStore } from './audit/auditStore.js'
import { createCaseStore } from './cases/caseStore.js'
import { createErasureStore } from './cases/erasureStore.js'
import { createConsentStore } from './consents/consentStore.js'
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
import { createSupervisionCopyStore } from './supervision/copyStore.js'
import { createSupervisionGroupStore } from './supervision/groupStore.js'
import { createUserStore } from './users/userStore.js'
import { createVersionStore } from './versions/versionStore.js'

/** Every resource's port over one database; `close` ends the database and the keystore. */
export function createSqlStorage(context: StoreContext, close: () => Promise<void>): Storage {
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
