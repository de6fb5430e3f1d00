/**
 * Verified awareness (contract §5): a connection's awareness may carry only
 * the client ids that connection owns, and the name shown for a client comes
 * from the server's verified account, not from the client's claim.
 *
 * The relay decodes each awareness update itself (y-protocols format: varUint
 * count, then per entry varUint clientID, varUint clock, varString JSON
 * state), checks it, rewrites `state.user`, and re-encodes it before applying
 * it to the room's awareness.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MalformedMessageError } from './MalformedMessageError.js'

/** Limits of one awareness message; beyond them the connection closes with 4400. */
export const AwarenessLimits = {
  /** Entries (client ids) in one message; a provider sends one. */
  maxEntries: 16,
  /** UTF-8 bytes of one state's JSON. */
  maxStateBytes: 4 * 1024,
} as const

/** Caret colour for a state without a valid one. */
export const DefaultUserColor = '#23527c'

/** One decoded awareness entry. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state object, or null (the client left). */
  state: Record<string, unknown> | null
}

/** The verified identity written into `state.user`. */
export interface AwarenessUser {
  name: string
  color: string
  id: string
}

/**
 * Decodes and checks an awareness update; throws {@link MalformedMessageError}
 * for anything invalid or oversized (the size bounds are left out for
 * `bounded: false`: another process's update, already checked there, may
 * carry the states of all its connections).
 */
export function decodeAwarenessUpdate(update: Uint8Array, { bounded = true }: { bounded?: boolean } = {}): AwarenessEntry[] {
  const entries: AwarenessEntry[] = []
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    if (bounded && count > AwarenessLimits.maxEntries) {
      throw new MalformedMessageError(`awareness update with ${count} entries`)
    }
    for (let i = 0; i < count; i += 1) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      if (bounded && Buffer.byteLength(json) > AwarenessLimits.maxStateBytes) {
        throw new MalformedMessageError('awareness state too large')
      }
      entries.push({ clientId, clock, state: parseState(json) })
    }
  } catch (err) {
    if (err instanceof MalformedMessageError) {
      throw err
    }
    throw new MalformedMessageError('could not decode awareness update')
  }
  return entries
}

function parseState(json: string): Record<string, unknown> | null {
  let state: unknown
  try {
    state = JSON.parse(json)
  } catch {
    throw new MalformedMessageError('awareness state is not JSON')
  }
  if (state === null) {
    return null
  }
  if (typeof state !== 'object' || Array.isArray(state)) {
    throw new MalformedMessageError('awareness state is not an object')
  }
  return state as Record<string, unknown>
}

/** Encodes entries back into an awareness update. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}

/** The state with `user` replaced by the verified account (keeping a valid #rrggbb colour the client chose). */
export function withVerifiedUser(state: Record<string, unknown> | null, account: { userId: string; userName: string }): Record<string, unknown> | null {
  if (state === null) {
    return null
  }
  const claimed = state.user
  const claimedColor = typeof claimed === 'object' && claimed !== null ? (claimed as { color?: unknown }).color : undefined
  const color = typeof claimedColor === 'string' && /^#[0-9a-fA-F]{6}$/.test(claimedColor) ? claimedColor : DefaultUserColor
  const user: AwarenessUser = { name: account.userName, color, id: account.userId }
  return { ...state, user }
}
