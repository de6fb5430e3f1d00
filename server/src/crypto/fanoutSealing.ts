/**
 * What the fan-out broker carries, sealed (contract §6, scaled out): a
 * room's committed updates and its awareness travel between relay
 * processes through Redis, which may be shared by several installations
 * (REDIS_PREFIX) or reached over a network. Each is sealed with the room's
 * data key, as its log rows are, and bound to the room, the message kind
 * and, for an update, its row number (for awareness, the accounts it names):
 * the broker sees only ciphertext and can neither forge a message nor move
 * or renumber one.
 */
import type { KeyObject } from 'node:crypto'
import { openBytes, seal } from './aead.js'

const Label = 'fallbuch/v1'

function updateAad(room: string, seq: number): string {
  return `${Label}\0fanout.update\0${room}\0${seq}`
}

function awarenessAad(room: string, accounts: ReadonlyMap<number, string>): string {
  const named = [...accounts].sort(([a], [b]) => a - b).map(([clientId, userId]) => `${clientId}=${userId}`)
  return `${Label}\0fanout.awareness\0${room}\0${named.join(',')}`
}

/** A committed update of `room`, numbered `seq`, for the broker. */
export function sealFanoutUpdate(key: KeyObject, room: string, seq: number, update: Uint8Array): Uint8Array {
  return seal(key, update, updateAad(room, seq))
}

export function openFanoutUpdate(key: KeyObject, room: string, seq: number, sealed: Uint8Array): Uint8Array {
  return openBytes(key, sealed, updateAad(room, seq))
}

/** An awareness update of `room` with the accounts of its client ids, for the broker. */
export function sealFanoutAwareness(key: KeyObject, room: string, accounts: ReadonlyMap<number, string>, update: Uint8Array): Uint8Array {
  return seal(key, update, awarenessAad(room, accounts))
}

export function openFanoutAwareness(key: KeyObject, room: string, accounts: ReadonlyMap<number, string>, sealed: Uint8Array): Uint8Array {
  return openBytes(key, sealed, awarenessAad(room, accounts))
}
