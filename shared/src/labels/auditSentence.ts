/**
 * One change-log entry as a sentence ("Miriam Roth hat die Maßnahmeplanung
 * zum Bearbeiten geöffnet."), for the change log on screen and the data
 * export alike. `translate` reads the keys of caseLabels.ts (the client
 * passes i18next's `t`, the server {@link labelTranslator}); never document
 * content, only what the entry's details name.
 */
import type { AuditEvent } from '../api/audit.js'
import { ConfidentialFields, type ConfidentialField } from '../caseDocument/confidential.js'
import { CaseRoles, type CaseRole } from '../policy/access.js'
import { parseRoomName } from '../protocol/roomName.js'
import { fillLabel } from '../report/labels.js'

/** Looks a key up (dot path) and fills its `{{placeholders}}`. */
export type Translate = (key: string, values?: Record<string, string | number>) => string

/** A {@link Translate} over a plain label tree (the server's; the client uses i18next). */
export function labelTranslator(tree: object): Translate {
  return (key, values = {}) => {
    const text = key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), tree)
    return typeof text === 'string' ? fillLabel(text, values) : key
  }
}

function isRole(value: unknown): value is CaseRole {
  return typeof value === 'string' && (CaseRoles as readonly string[]).includes(value)
}

function isField(value: unknown): value is ConfidentialField {
  return typeof value === 'string' && (ConfidentialFields as readonly string[]).includes(value)
}

/** Names of the people an entry refers to by id (member ids and user ids), when known. */
export type NameOf = (id: string) => string | undefined

/** The object of "opened": a room name in words, e.g. "die vertrauliche Angabe „Diagnose“". */
function roomObject(t: Translate, name: unknown): string {
  const room = typeof name === 'string' ? parseRoomName(name) : null
  if (!room) {
    return t('audit.roomObject.plan')
  }
  if (room.kind === 'confidential') {
    return t('audit.roomObject.confidential', { field: t(`confidential.${room.field}`) })
  }
  return t(`audit.roomObject.${room.kind}`)
}

/** What a caseUpdated entry changed, in words. */
function caseChanges(t: Translate, d: AuditEvent['details']): string {
  const parts: string[] = []
  if (typeof d.employerCanEdit === 'boolean') {
    parts.push(t(d.employerCanEdit ? 'audit.changes.employerCanEditOn' : 'audit.changes.employerCanEditOff'))
  }
  if (d.title === true) {
    parts.push(t('audit.changes.title'))
  }
  if (d.type === 'placement' || d.type === 'retention') {
    parts.push(t('audit.changes.type', { type: t(`cases.type.${d.type}`) }))
  } else if (d.type === true) {
    parts.push(t('audit.changes.typeChanged'))
  }
  if (d.flow === 'de' || d.flow === 'ch') {
    parts.push(t(`audit.changes.flow.${d.flow}`))
  } else if ('flow' in d && d.flow === null) {
    parts.push(t('audit.changes.flow.serviceDefault'))
  }
  return parts.length > 0 ? parts.join(', ') : t('audit.changes.other')
}

/** The entry as one sentence in the translator's language. */
export function auditSentence(t: Translate, event: AuditEvent, nameOf: NameOf = () => undefined): string {
  const d = event.details
  const person = (id: unknown): string => (typeof id === 'string' ? nameOf(id) : undefined) ?? t('audit.someone')
  const values: Record<string, string | number> = {
    who: event.actorName ?? t('audit.system'),
    whom: typeof d.memberId === 'string' ? person(d.memberId) : person(d.userId),
    role: isRole(d.role) ? t(`roles.${d.role}`) : t('audit.someone'),
    field: isField(d.field) ? t(`confidential.${d.field}`) : '',
    evidence: d.evidence === 'inApp' || d.evidence === 'signedForm' ? t(`audit.evidence.${d.evidence}`) : '',
    format: d.format === 'json' || d.format === 'html' ? t(`audit.exportFormat.${d.format}`) : '',
    hash: typeof d.planHash === 'string' ? d.planHash.slice(0, 8) : '',
    previous: typeof d.previousPlanHash === 'string' ? d.previousPlanHash.slice(0, 8) : '',
    from: person(d.previousUserId),
    doc: d.doc === 'notes' ? t('audit.restoredDoc.notes') : t('audit.restoredDoc.plan'),
    // A change of the admin or lead flag or of the part-time share is no deactivation.
    account: t(typeof d.active === 'boolean' ? (d.active ? 'audit.account.active' : 'audit.account.inactive') : 'audit.account.changed'),
  }
  if (event.type === 'roomOpened') {
    values.room = roomObject(t, d.room)
    values.access = d.access === 'write' ? t('audit.access.write') : t('audit.access.read')
  }
  if (event.type === 'approvalRecorded') {
    values.approval = t(d.corrects === true ? 'audit.approval.correction' : d.kind === 'extension' ? 'audit.approval.extension' : 'audit.approval.approval')
  }
  if (event.type === 'invoiceIssued' || event.type === 'invoiceCancelled') {
    values.number = String(d.number ?? '')
    values.month = String(d.month ?? '')
    values.cancels = String(d.cancels ?? '')
  }
  if (event.type === 'hoursMonthConfirmed') {
    // YYYY-MM as the proof names it: 03/2026.
    values.month = typeof d.month === 'string' && /^\d{4}-\d{2}$/.test(d.month) ? `${d.month.slice(5)}/${d.month.slice(0, 4)}` : ''
  }
  if (event.type === 'caseUpdated') {
    values.changes = caseChanges(t, d)
  }
  if (event.type === 'memberAdded' && event.actorId !== null && d.userId === event.actorId) {
    return t('audit.joined', values)
  }
  return t(`audit.sentence.${event.type}`, values)
}
