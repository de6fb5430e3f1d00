/**
 * Autolinking is for what this editor's user types, not for what arrives.
 *
 * tiptap's Link extension autolinks the last word of every changed range,
 * and y-tiptap replaces the whole document on the first render and on every
 * co-editor's change: the check walked every paragraph of a long note per
 * remote edit, and on the offline open of a large case it started linkify
 * (30 ms in the profile, issue 21). A link it added would also be a change to
 * the shared document that this reader never made, written from a read-only
 * view too. The writer's own editor has linked what they typed.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'

/** The Link extension's own switch for a transaction. */
const preventAutolink = 'preventAutolink'

export const RemoteNotAutolinked = Extension.create({
  name: 'remoteNotAutolinked',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('remoteNotAutolinked'),
        // Runs before the transaction is applied, so before any appendTransaction sees it.
        filterTransaction(transaction) {
          const sync = transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
          if (sync?.isChangeOrigin === true) {
            transaction.setMeta(preventAutolink, true)
          }
          return true
        },
      }),
    ]
  },
})
