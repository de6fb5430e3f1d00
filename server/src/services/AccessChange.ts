/**
 * What changed about who may open what, as commands describe it: the one
 * type of server/src/access/AccessChanges.ts, which carries it to the relay
 * and the case event streams of every process.
 */
export type { AccessChange } from '../access/AccessChanges.js'
