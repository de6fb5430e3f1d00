/**
 * Human words for the audit log: event names and details (room names such as
 * "vertraulich: Diagnose", access "lesen"/"schreiben", roles).
 */
import type { TFunction } from 'i18next'
import type { AuditEvent } from '../../../../shared/src/api/audit.js'
import { ConfidentialFields } from '../../../../shared/src/caseDocument/confidential.js'
import { CaseRoles } from '../../../../shared/src/policy/access.js'
import { parseRoomName } from '../../../../shared/src/protocol/roomName.js'

/** A room name in human words, e.g. "Maßnahmeplanung" or "vertraulich: Diagnose". */
export function roomLabel(t: TFunction, name: string): string {
  const room = parseRoomName(name)
  if (!room) {
    return name
  }
  switch (room.kind) {
    case 'plan':
      return t('audit.room.plan')
    case 'notes':
      return t('audit.room.notes')
    case 'confidential':
      return t('audit.room.confidential', { field: t(`confidential.${room.field}`) })
    case 'supervisionCopy':
      return t('audit.room.supervisionCopy')
    case 'supervisionDiscussion':
      return t('audit.room.supervisionDiscussion')
  }
}

function isRole(value: unknown): value is (typeof CaseRoles)[number] {
  return typeof value === 'string' && (CaseRoles as readonly string[]).includes(value)
}

/** The details of an audit event as one line of text (never document content). */
export function auditDetails(t: TFunction, event: AuditEvent): string {
  const d = event.details
  const parts: string[] = []
  const role = isRole(d.role) ? t('audit.detail.role', { role: t(`roles.${d.role}`) }) : null
  switch (event.type) {
    case 'login':
      break
    case 'roomOpened':
      if (typeof d.room === 'string') {
        parts.push(roomLabel(t, d.room))
      }
      if (d.access === 'read' || d.access === 'write') {
        parts.push(t(`audit.access.${d.access}`))
      }
      break
    case 'memberAdded':
    case 'memberRemoved':
    case 'invitationCreated':
    case 'invitationAccepted':
      if (role) {
        parts.push(role)
      }
      break
    case 'caseUpdated':
      if (typeof d.employerCanEdit === 'boolean') {
        parts.push(t(d.employerCanEdit ? 'audit.detail.employerCanEditOn' : 'audit.detail.employerCanEditOff'))
      }
      if (d.title === true) {
        parts.push(t('audit.detail.title'))
      }
      if (d.type === 'placement' || d.type === 'retention') {
        parts.push(t('audit.detail.type', { type: t(`cases.type.${d.type}`) }))
      } else if (d.type === true) {
        parts.push(t('audit.detail.typeChanged'))
      }
      break
    case 'invitationRevoked':
      break
    case 'agreementGiven':
      if (typeof d.planHash === 'string') {
        parts.push(t('audit.detail.planVersion', { hash: d.planHash.slice(0, 8) }))
      }
      break
    case 'consentGranted':
    case 'consentRevoked':
    case 'consentLapsed':
      if (typeof d.field === 'string' && (ConfidentialFields as readonly string[]).includes(d.field)) {
        parts.push(t('audit.room.confidential', { field: t(`confidential.${d.field}`) }))
      }
      if (d.evidence === 'inApp' || d.evidence === 'signedForm') {
        parts.push(t(`audit.detail.evidence.${d.evidence}`))
      }
      break
    case 'agreementRestamped':
      if (typeof d.planHash === 'string' && typeof d.previousPlanHash === 'string') {
        parts.push(t('audit.detail.planVersionRestamped', { hash: d.planHash.slice(0, 8), previous: d.previousPlanHash.slice(0, 8) }))
      }
      break
    case 'versionRestored':
      if (d.doc === 'plan' || d.doc === 'notes') {
        parts.push(t(`audit.room.${d.doc}`))
      }
      break
    case 'accountChanged':
      if (typeof d.active === 'boolean') {
        parts.push(t(d.active ? 'audit.detail.reactivated' : 'audit.detail.deactivated'))
      }
      break
  }
  return parts.join(' · ')
}
