/** The users row as both backends return it, and its record. */
import type { UserRecord } from './UserStorage.js'

/** A users row (booleans are 0/1 on SQLite). */
export interface UserRow {
  id: string
  name: string
  email: string
  password_hash: string
  kind: UserRecord['kind']
  is_admin: boolean | number
  active: boolean | number
  created_at: string
  is_lead: boolean | number
  staff_share_percent: number
  is_billing: boolean | number
  coach_rate_kind: 'hourly' | 'flat' | null
  coach_rate_cents: number | string | null
  coach_rate_currency: 'EUR' | 'CHF' | null
  is_coordinator: boolean | number
  is_integrationsamt: boolean | number
}

/** The record of a users row. */
export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    passwordHash: row.password_hash,
    kind: row.kind,
    isAdmin: Boolean(row.is_admin),
    active: Boolean(row.active),
    createdAt: row.created_at,
    isLead: Boolean(row.is_lead),
    staffSharePercent: row.staff_share_percent,
    isBilling: Boolean(row.is_billing),
    isCoordinator: Boolean(row.is_coordinator),
    isIntegrationsamt: Boolean(row.is_integrationsamt),
    coachRate:
      row.coach_rate_kind === null || row.coach_rate_cents === null || row.coach_rate_currency === null
        ? null
        : { kind: row.coach_rate_kind, cents: Number(row.coach_rate_cents), currency: row.coach_rate_currency },
  }
}
