/**
 * Sends the daily reminder digest: from DIGEST_HOUR (TIME_ZONE) on, each
 * active staff account with the digest switched on and something due in its
 * open cases (as coach), or for a team lead in the team's open cases, or
 * for an admitted pool member in keeping qualified (issue 20 point 4), gets
 * one mail a day. The case documents are read as
 * committed, through the relay; the mail carries counts and links only.
 */
import { errorMessage } from '../../../shared/src/errors.js'
import { isoDay } from '../clock.js'
import { startPeriodicSweep } from '../periodicSweep.js'
import { caseFactsOf, type CaseFactsPorts } from '../services/caseFacts.js'
import type { Services } from '../services/Services.js'
import type { CaseStorage } from '../storage/cases/CaseStorage.js'
import type { AccountSettingsStorage } from '../storage/mail/MailStorage.js'
import type { UserRecord, UserStorage } from '../storage/users/UserStorage.js'
import { mailedReminders } from '../../../shared/src/pool/keepingQualified.js'
import { qualifiedNow } from '../commands/pool/view.js'
import type { PoolStorage } from '../storage/pool/PoolStorage.js'
import type { SupervisionCopyStorage } from '../storage/supervision/SupervisionStorage.js'
import { digestCounts, hasNews, teamDigestCounts, type DigestCaseInput } from './digest.js'
import type { Mail } from './MailOutbox.js'
import { digestMail } from './mailTexts.js'

/** The storage ports the digest reads. */
export type DigestPorts = UserStorage & CaseStorage & CaseFactsPorts & AccountSettingsStorage & PoolStorage & SupervisionCopyStorage

/** The digest of one account for `today`, if it is on, not sent yet and something is due; whether it was sent. */
async function sendDigestTo(
  services: Services<DigestPorts> & { mail: Mail },
  user: UserRecord,
  baseUrl: string,
  today: string,
  team: () => Promise<DigestCaseInput[]>,
): Promise<boolean> {
  const settings = await services.storage.accountSettings(user.id)
  if (!settings.digestEnabled || settings.lastDigestOn === today) {
    return false
  }
  const cases = (await services.storage.listCasesOfUser(user.id)).filter(({ record, role }) => role === 'coach' && record.closedAt === null)
  const inputs: DigestCaseInput[] = []
  for (const { record } of cases) {
    inputs.push((await caseFactsOf(services, record.id, today)).due)
  }
  const counts = digestCounts(inputs, today)
  if (user.isLead) {
    counts.team = teamDigestCounts(await team(), today)
  }
  const application = await services.storage.findApplicationOfUser(user.id)
  if (application !== null && application.status === 'admitted') {
    counts.poolReminders = mailedReminders(await qualifiedNow(services, application), true)
  }
  // Nothing due: no mail, and the day stays open for what comes up later.
  if (!hasNews(counts) || !(await services.storage.claimDigestDay(user.id, today))) {
    return false
  }
  await services.mail.send('digest', user.email, digestMail(counts, { app: `${baseUrl}/`, settings: `${baseUrl}/settings`, team: `${baseUrl}/team`, pool: `${baseUrl}/pool` }))
  return true
}

/** Sends the digests due at `now` (each account at most one a day, only with something due); resolves with how many were sent. */
export async function sendDigests(services: Services<DigestPorts> & { mail: Mail }, baseUrl: string, now: Date): Promise<number> {
  const today = isoDay(now)
  let sent = 0
  // Every open case of the team, read once per run and only when a lead gets a digest.
  let teamInputs: Promise<DigestCaseInput[]> | null = null
  const team = (): Promise<DigestCaseInput[]> => {
    teamInputs ??= (async () => {
      const inputs: DigestCaseInput[] = []
      for (const record of (await services.storage.listAllCases()).filter((item) => item.closedAt === null)) {
        inputs.push((await caseFactsOf(services, record.id, today)).due)
      }
      return inputs
    })()
    return teamInputs
  }
  for (const user of await services.storage.listActiveStaff()) {
    try {
      if (await sendDigestTo(services, user, baseUrl, today, team)) {
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
