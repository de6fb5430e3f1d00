/**
 * Sends the daily reminder digest: from DIGEST_HOUR (TIME_ZONE) on, each
 * active staff account with the digest switched on and something due in its
 * open cases (as coach) gets one mail a day. The case documents are read as
 * committed, through the relay; the mail carries counts and links only.
 */
import * as Y from 'yjs'
import { summariseCaseDocs } from '../../../shared/src/process/caseSummary.js'
import { interimScheduleOf, lastInterimReportDate } from '../../../shared/src/report/parts.js'
import { interimReportDue } from '../../../shared/src/report/schedule.js'
import { errorMessage } from '../../../shared/src/errors.js'
import { isoDay } from '../clock.js'
import { startPeriodicSweep } from '../periodicSweep.js'
import type { Services } from '../services/Services.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { ConsentStorage } from '../storage/consents/ConsentStorage.js'
import type { ReleaseStorage } from '../storage/releases/ReleaseStorage.js'
import type { AccountSettingsStorage } from '../storage/mail/MailStorage.js'
import type { UserRecord, UserStorage } from '../storage/users/UserStorage.js'
import { digestCounts, hasNews, type DigestCaseInput } from './digest.js'
import type { Mail } from './MailOutbox.js'
import { digestMail } from './mailTexts.js'

/** The storage ports the digest reads. */
export type DigestPorts = UserStorage & CaseStorage & ConsentStorage & ReleaseStorage & AccountSettingsStorage

/** A copy of a room's committed document (read outside the relay's callback). */
async function copyOf(services: Services<unknown>, room: Parameters<Services['documents']['readDocument']>[0]): Promise<Y.Doc> {
  const update = await services.documents.readDocument(room, (doc) => Y.encodeStateAsUpdate(doc))
  const copy = new Y.Doc()
  Y.applyUpdate(copy, update)
  return copy
}

/** What the digest knows of one case, read from its documents and grants. */
export async function digestInputOf(services: Services<ConsentStorage & ReleaseStorage>, caseId: string, today: string): Promise<DigestCaseInput> {
  const plan = await copyOf(services, { kind: 'plan', caseId })
  const notes = await copyOf(services, { kind: 'notes', caseId })
  const summary = summariseCaseDocs(plan, notes)
  const interimDue = summary?.startDate ? interimReportDue({ startDate: summary.startDate, expectedEndDate: summary.expectedEndDate }, today, interimScheduleOf(notes), lastInterimReportDate(notes)) : null
  const consentEndDates = (await services.storage.listConsents(caseId))
    .filter((grant) => grant.revokedAt === null && grant.lapsedAt === null && grant.validUntil !== null)
    .map((grant) => grant.validUntil as string)
  // Releases from confidentiality end like consents and are reminded of with them (issue 16).
  const releaseEndDates = (await services.storage.listReleases(caseId))
    .filter((release) => release.revokedAt === null && release.lapsedAt === null && release.validUntil !== null)
    .map((release) => release.validUntil as string)
  return { summary, interimDue, consentEndDates: [...consentEndDates, ...releaseEndDates] }
}

/** The digest of one account for `today`, if it is on, not sent yet and something is due; whether it was sent. */
async function sendDigestTo(services: Services<DigestPorts> & { mail: Mail }, user: UserRecord, baseUrl: string, today: string): Promise<boolean> {
  const settings = await services.storage.accountSettings(user.id)
  if (!settings.digestEnabled || settings.lastDigestOn === today) {
    return false
  }
  const cases = (await services.storage.listCasesOfUser(user.id)).filter(({ record, role }) => role === 'coach' && record.closedAt === null)
  const inputs: DigestCaseInput[] = []
  for (const { record } of cases) {
    inputs.push(await digestInputOf(services, record.id, today))
  }
  const counts = digestCounts(inputs, today)
  // Nothing due: no mail, and the day stays open for what comes up later.
  if (!hasNews(counts) || !(await services.storage.claimDigestDay(user.id, today))) {
    return false
  }
  await services.mail.send('digest', user.email, digestMail(counts, { app: `${baseUrl}/`, settings: `${baseUrl}/settings` }))
  return true
}

/** Sends the digests due at `now` (each account at most one a day, only with something due); resolves with how many were sent. */
export async function sendDigests(services: Services<DigestPorts> & { mail: Mail }, baseUrl: string, now: Date): Promise<number> {
  const today = isoDay(now)
  let sent = 0
  for (const user of await services.storage.listActiveStaff()) {
    try {
      if (await sendDigestTo(services, user, baseUrl, today)) {
        sent++
      }
    } catch (error) {
      // One account's unreadable case must not keep the others' reminders back.
      services.logger.error({ userId: user.id, error: errorMessage(error) }, 'digest failed')
    }
  }
  return sent
}

/** Hour of an instant in a time zone (0-23). */
function hourIn(instant: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(instant))
}

/** Runs {@link sendDigests} every `intervalMs` from `hour` on; returns the stop function. */
export function startDigestSweeper(
  services: Services<DigestPorts> & { mail: Mail },
  options: { baseUrl: () => string; hour: number; timeZone: string; intervalMs: number },
): () => void {
  if (!services.mail.enabled) {
    return () => {}
  }
  return startPeriodicSweep({
    name: 'digest',
    intervalMs: options.intervalMs,
    logger: services.logger,
    run: async () => {
      const now = services.clock()
      // Before the hour nothing is due: no run, and no debug line every sweep.
      return hourIn(now, options.timeZone) < options.hour ? null : await sendDigests(services, options.baseUrl(), now)
    },
    summary: (sent) => (sent === null ? null : { sent }),
  })
}
