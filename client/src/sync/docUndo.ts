/**
 * Undo of one's own changes to a case document's structured content (issue
 * 14 part 2): one Y.UndoManager per document that tracks only this client's
 * form edits (their transaction origin), so Ctrl+Z never takes back what a
 * colleague wrote. Rich text keeps y-prosemirror's own undo (another origin).
 */
import * as Y from 'yjs'
import { MetaMapName } from '../../../shared/src/caseDocument/common.js'
import { ProfileLists, ProfileTextMaps } from '../../../shared/src/caseDocument/profile.js'
import { isDateLocked, lockedMonths } from '../../../shared/src/hoursProof/monthLock.js'

/** Which document: the root types its forms edit differ. */
export type UndoDocKind = 'plan' | 'notes' | 'profile'

/** The undo state of one document. */
export interface DocUndo {
  /** Transaction origin of this client's form edits (the only one undone). */
  readonly origin: object
  readonly manager: Y.UndoManager
}

const undoByDoc = new WeakMap<Y.Doc, DocUndo>()

function scopeOf(doc: Y.Doc, kind: UndoDocKind): Array<Y.AbstractType<unknown>> {
  const meta = doc.getMap(MetaMapName) as Y.AbstractType<unknown>
  if (kind === 'plan') {
    return [meta, doc.getArray('goals') as Y.AbstractType<unknown>, doc.getArray('participants') as Y.AbstractType<unknown>]
  }
  if (kind === 'profile') {
    return [
      ...Object.keys(ProfileTextMaps).map((name) => doc.getMap(name) as Y.AbstractType<unknown>),
      ...Object.keys(ProfileLists).map((name) => doc.getArray(name) as Y.AbstractType<unknown>),
    ]
  }
  return [
    meta,
    doc.getMap('reviews') as Y.AbstractType<unknown>,
    doc.getArray('meetings') as Y.AbstractType<unknown>,
    doc.getArray('hours') as Y.AbstractType<unknown>,
  ]
}

/**
 * Whether an item is an hours entry of a confirmed (locked) month (issue 18):
 * undoing its addition would delete it, which the relay refuses; so undo
 * leaves it (a correction is the way to change it).
 */
function isLockedHoursEntry(doc: Y.Doc, item: Y.Item): boolean {
  const hours = doc.getArray('hours')
  // The entry's map itself, or one of its values (undoing an addition deletes both).
  const entry = item.parent === hours ? (item.content instanceof Y.ContentType ? item.content.type : null) : item.parent instanceof Y.Map && item.parent._item?.parent === hours ? item.parent : null
  return entry instanceof Y.Map && isDateLocked(lockedMonths(doc), (entry as Y.Map<unknown>).get('date'))
}

/** The document's undo state, created on first use. */
export function docUndo(doc: Y.Doc, kind: UndoDocKind): DocUndo {
  let undo = undoByDoc.get(doc)
  if (!undo) {
    const origin = { name: `local form edit (${kind})` }
    const manager = new Y.UndoManager(scopeOf(doc, kind), { trackedOrigins: new Set([origin]), deleteFilter: (item) => !isLockedHoursEntry(doc, item) })
    undo = { origin, manager }
    undoByDoc.set(doc, undo)
    doc.once('destroy', () => manager.destroy())
  }
  return undo
}

/** Runs `change` as one undoable local edit of the document. */
export function localEdit(doc: Y.Doc, kind: UndoDocKind, change: () => void): void {
  doc.transact(change, docUndo(doc, kind).origin)
}

/**
 * Runs `change` as its own undo step (not merged with typing just before),
 * e.g. removing a goal, so one Ctrl+Z brings exactly it back.
 */
export function separateLocalEdit(doc: Y.Doc, kind: UndoDocKind, change: () => void): void {
  const { manager } = docUndo(doc, kind)
  manager.stopCapturing()
  localEdit(doc, kind, change)
  manager.stopCapturing()
}

/** Undoes (or redoes) this client's last edit; true when there was one. */
export function undoLocal(doc: Y.Doc, kind: UndoDocKind, redo = false): boolean {
  const { manager } = docUndo(doc, kind)
  return (redo ? manager.redo() : manager.undo()) !== null
}

/** Which history a key press asks for: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo. */
export function undoKeyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) {
    return null
  }
  const key = event.key.toLowerCase()
  if (key === 'z') {
    return event.shiftKey ? 'redo' : 'undo'
  }
  if (key === 'y' && !event.shiftKey) {
    return 'redo'
  }
  return null
}

/**
 * Undoes one particular step of this client's history (the notice's
 * "Rückgängig" after other edits followed): moved to the top and undone.
 * Steps are independent sets of insertions and deletions, so the order
 * does not matter to Yjs.
 */
export function undoStackItem(manager: Y.UndoManager, item: unknown): boolean {
  const index = manager.undoStack.indexOf(item as (typeof manager.undoStack)[number])
  if (index < 0) {
    return false
  }
  manager.undoStack.splice(index, 1)
  manager.undoStack.push(item as (typeof manager.undoStack)[number])
  return manager.undo() !== null
}
