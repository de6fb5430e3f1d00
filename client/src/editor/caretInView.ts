import { TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/**
 * ProseMirror scrolls the caret into view after every change that asks for
 * it, and every typed key asks. Its walk measures the caret, then each
 * element from the caret up to the page (its box and its computed style):
 * in a typing trace of the bench's 200-page note (issue 21) that was 66
 * layout reads per key. The case screens scroll as a whole page, so when
 * the caret is inside the window and no element around the editor can
 * scroll, the walk would move nothing; `caretAlreadyInView` says so after
 * one measurement, and ProseMirror's own walk runs in every other case.
 *
 * Used as the editor's `handleScrollToSelection`: true means "handled"
 * (nothing to scroll).
 */
export function caretAlreadyInView(view: EditorView): boolean {
  const { selection } = view.state
  if (!(selection instanceof TextSelection) || insideScrollingBox(view.dom)) {
    return false
  }
  let caret: { top: number; bottom: number; left: number; right: number }
  try {
    caret = view.coordsAtPos(selection.head, 1)
  } catch {
    return false
  }
  // The window's box as ProseMirror takes it (its windowRect), with its default threshold of 0.
  const page = view.dom.ownerDocument
  const viewport = page.defaultView?.visualViewport
  const width = viewport ? viewport.width : page.documentElement.clientWidth
  const height = viewport ? viewport.height : page.documentElement.clientHeight
  return caret.top >= 0 && caret.bottom <= height && caret.left >= 0 && caret.right <= width
}

/** Per editor element: whether an ancestor can scroll, and for which window size it was read. */
const scrollingBoxes = new WeakMap<Element, { size: string; scrolls: boolean }>()

/**
 * Whether an element around `element` can scroll (its overflow is not
 * visible or clip). Read once per editor, and again when the window's size
 * changed (a layout for another width may scroll elsewhere): reading each
 * ancestor's style on every key is the cost avoided.
 */
export function insideScrollingBox(element: Element): boolean {
  const frame = element.ownerDocument.defaultView
  if (!frame) {
    return true
  }
  const size = `${frame.innerWidth}x${frame.innerHeight}`
  const known = scrollingBoxes.get(element)
  if (known?.size === size) {
    return known.scrolls
  }
  let scrolls = false
  const { body, documentElement } = element.ownerDocument
  for (let parent = element.parentElement; parent && parent !== body && parent !== documentElement; parent = parent.parentElement) {
    const style = frame.getComputedStyle(parent)
    if (canScroll(style.overflowX) || canScroll(style.overflowY)) {
      scrolls = true
      break
    }
  }
  scrollingBoxes.set(element, { size, scrolls })
  return scrolls
}

function canScroll(overflow: string): boolean {
  return overflow !== 'visible' && overflow !== 'clip'
}
