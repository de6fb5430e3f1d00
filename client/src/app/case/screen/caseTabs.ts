/** The tabs of the case screen, and which of them a caller gets. */
import { accessTo, canRead, readsByConsent, type Access, type CaseRole } from '../../../../../shared/src/policy/access.js'
import { can } from '../../../../../shared/src/policy/actions.js'

export type CaseTab = 'plan' | 'profile' | 'jobSearch' | 'process' | 'meetings' | 'hours' | 'funding' | 'proof' | 'notes' | 'versions' | 'confidential' | 'consents' | 'attachments' | 'members' | 'audit' | 'data'

/** Tabs of the job-coaching process: labelled under `process.tabs`, test ids `<name>.tab`. */
export const processTabs: readonly CaseTab[] = ['process', 'meetings', 'hours']

/** Tabs whose label has a plain-language variant (`plain.tab.<name>`): the coachee's words. */
const plainLabelled: readonly CaseTab[] = ['plan', 'profile', 'jobSearch', 'proof', 'versions', 'confidential', 'consents', 'attachments', 'data']

/**
 * The caller's tabs, in order: the plan; the process tabs for whoever reads
 * the notes; the occupational profile for whoever co-writes it; the job
 * search (Stellensuche, issue 19) for whoever may read it (coaches, the
 * coachee; never the employer); the funding (Finanzierung, issue 18) for whoever may read it; the
 * phase notes; the confidential fields for whoever reads them
 * in their own tab (a reader by consent sees them beside the plan); the
 * consents and the attachments for everyone; then members, audit log and data protection as the
 * action policy lets the role manage members, read the log and export data.
 */
export function tabsFor(role: CaseRole, notesAccess: Access, confidentialReadable: boolean): CaseTab[] {
  const tabs: CaseTab[] = ['plan']
  if (canRead(notesAccess)) {
    tabs.push('process', 'meetings', 'hours')
  }
  // The occupational profile (issue 19): the coaches and the coachee write it together.
  if (canRead(accessTo('profile', role))) {
    tabs.push('profile')
  }
  // The application and contact log (A4/A5): never the employer, who must not see the other employers.
  if (can(role, 'jobSearch.read')) {
    tabs.push('jobSearch')
  }
  if (can(role, 'funding.read')) {
    tabs.push('funding')
  }
  // The monthly proof of hours (issue 18): every member; the employer and the coachee confirm it there.
  if (can(role, 'hoursProof.read')) {
    tabs.push('proof')
  }
  if (canRead(notesAccess)) {
    tabs.push('notes')
  }
  if (can(role, 'versions.readPlan')) {
    tabs.push('versions')
  }
  if (confidentialReadable && !readsByConsent(role)) {
    tabs.push('confidential')
  }
  tabs.push('consents')
  // The case's files (issue 20): every member reads at least its work aids; the list shows each only what they may read.
  tabs.push('attachments')
  if (can(role, 'members.add')) {
    tabs.push('members')
  }
  if (can(role, 'audit.read')) {
    tabs.push('audit')
  }
  if (can(role, 'export.read', { isSelf: true })) {
    tabs.push('data')
  }
  return tabs
}

/** The i18n key of a tab's label; `plain` for the coachee's plain words. */
export function tabLabelKey(name: CaseTab, plain: boolean): string {
  if (processTabs.includes(name)) {
    return `process.tabs.${name}`
  }
  return plain && plainLabelled.includes(name) ? `plain.tab.${name}` : `case.tab.${name}`
}

/** The test id of a tab's button. */
export function tabTestId(name: CaseTab): string {
  return processTabs.includes(name) ? `${name}.tab` : `case.tab.${name}`
}

/** Tabs used now and then: on a screen with many tabs they sit in the "Mehr" menu, so the tab row fits a laptop's width. */
// The occupational profile and the job search (issue 19) are worked on in stretches: in the menu, so a coach's laptop row still fits.
export const occasionalTabs: readonly CaseTab[] = ['profile', 'jobSearch', 'funding', 'proof', 'versions', 'consents', 'attachments', 'members', 'audit', 'data']

/** Up to this many tabs stand in the row; with more, the occasional ones move into the "Mehr" menu. */
export const MaxTabsInRow = 7

/**
 * On a phone at most this many tabs stand in the row: a longer row (a
 * coach's six main tabs) scrolled sideways at 390 px, hiding tabs out of
 * sight. The rest, main ones first, sit in "Mehr".
 */
export const PhoneTabsInRow = 3

/** The coachee's plain words are long: on a laptop their row holds this many tabs. */
export const PlainTabsInRow = 5

/**
 * The tabs of the row and those of the "Mehr" menu, each in the caller's
 * order. A row longer than its limit keeps its main tabs and moves the
 * occasional ones; if the main tabs alone are still too many (a phone, or
 * a case with many parts), the last main ones follow them into the menu,
 * ahead of the occasional ones. With the coachee's plain words
 * (`plainWords`) on a laptop, only the last occasional tabs move, until the
 * row fits.
 */
export function splitTabs(tabs: readonly CaseTab[], phone = false, plainWords = false): { row: CaseTab[]; more: CaseTab[] } {
  const limit = phone ? PhoneTabsInRow : plainWords ? PlainTabsInRow : MaxTabsInRow
  if (tabs.length <= limit) {
    return { row: [...tabs], more: [] }
  }
  if (plainWords && !phone) {
    const row = [...tabs]
    const more: CaseTab[] = []
    for (let index = row.length - 1; index >= 0 && row.length > limit; index -= 1) {
      const tab = row[index] as CaseTab
      if (occasionalTabs.includes(tab)) {
        more.unshift(tab)
        row.splice(index, 1)
      }
    }
    return { row, more }
  }
  const main = tabs.filter((tab) => !occasionalTabs.includes(tab))
  // The menu button takes a place of its own in the row.
  const fits = Math.max(1, limit - 1)
  const row = main.length <= limit ? main : main.slice(0, fits)
  return { row, more: [...main.slice(row.length), ...tabs.filter((tab) => occasionalTabs.includes(tab))] }
}
