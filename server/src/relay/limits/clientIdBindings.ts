/**
 * Yjs client id binding (issue 9): a client id belongs to the account that
 * first wrote with it in a room. An update from another account that adds
 * structs under that id is refused, so an account cannot write in someone
 * else's name, and "who wrote this" is answerable from the structs' ids.
 *
 * The bindings live in the storage (table yjs_client_ids; SQLite migration 3,
 * PostgreSQL migration 2), so every process sharing a PostgreSQL database
 * sees the same ones and they survive restarts.
 */
import type { ClientIdStorage } from '../../storage/Storage.js'

/** Where a connection binds the client ids it writes with (the storage). */
export type ClientIdBindings = Pick<ClientIdStorage, 'bindClientIds'>
