import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import * as Y from 'yjs'
import { textIn } from '../../../shared/src/caseDocument/textFields.js'
import { docUndo, localEdit, type UndoDocKind } from '../sync/docUndo.js'
import { FieldStateKey, publishFocusedField, useFieldAwareness, useNamesInField } from './fieldPresence.js'
import { TextFieldBinding, type TextFieldElement } from './TextFieldBinding.js'

export interface YTextFieldProps {
  /** The document the text belongs to. */
  doc: Y.Doc
  /** The map holding the text under {@link field}; null while it does not exist yet (see {@link ensureText}). */
  map: Y.Map<unknown> | null
  field: string
  /** Creates what holds the text on the first input (default: the text in {@link map}). */
  ensureText?: () => Y.Text | null
  /** The document the map belongs to (its undo history). */
  kind: UndoDocKind
  /** Unique within the document: what others see as "typing here" (e.g. `goal:<id>:specific`). */
  fieldId: string
  /** A growing textarea (sentences) rather than a one-line input. */
  multiline?: boolean
  /** A growing textarea that takes no line breaks (a title that must not be cut off). */
  singleLine?: boolean
  editable: boolean
  id: string
  maxLength?: number
  rows?: number
  'aria-describedby'?: string | undefined
  'data-testid': string
}

function currentText(map: Y.Map<unknown> | null, field: string): Y.Text | null {
  const value = map?.get(field)
  return value instanceof Y.Text ? value : null
}

/**
 * A plain input or textarea bound to a Y.Text (see TextFieldBinding): merges
 * character-wise with others, never writes on focus or blur, shows who else
 * is typing in it. A missing text is created on the first input, so merely
 * rendering (or reading) never writes.
 */
export function YTextField({
  doc,
  map,
  field,
  ensureText,
  kind,
  fieldId,
  multiline = false,
  singleLine = false,
  editable,
  id,
  maxLength,
  rows,
  'aria-describedby': describedBy,
  'data-testid': testId,
}: YTextFieldProps) {
  const { t } = useTranslation()
  const ref = useRef<TextFieldElement | null>(null)
  // Read at the first input: the latest closure, without rebinding on every render.
  const ensureRef = useRef(ensureText)
  useLayoutEffect(() => {
    ensureRef.current = ensureText
  })
  const [text, setText] = useState(() => currentText(map, field))
  const awareness = useFieldAwareness()
  const others = useNamesInField(awareness, fieldId)

  // The map may get (or replace) the text: a first input here or elsewhere.
  useEffect(() => {
    const update = (): void => setText(currentText(map, field))
    update()
    if (!map) {
      return undefined
    }
    const handler = (event: Y.YMapEvent<unknown>): void => {
      if (event.keysChanged.has(field)) {
        update()
      }
    }
    map.observe(handler)
    return () => map.unobserve(handler)
  }, [map, field])

  useLayoutEffect(() => {
    const element = ref.current
    if (!element) {
      return undefined
    }
    const binding = new TextFieldBinding(element, {
      text,
      ensureText: () => {
        let created: Y.Text | null = null
        doc.transact(() => {
          created = ensureRef.current ? ensureRef.current() : map ? (textIn(map, field) ?? null) : null
        })
        return created
      },
      write: (change) => localEdit(doc, kind, change),
      singleLine,
    })
    return () => binding.destroy()
  }, [text, map, field, doc, kind, singleLine])

  // Leaving the page (or the field unmounting) must not leave a stale "typing here";
  // another field's focus stays published.
  useEffect(
    () => () => {
      if (awareness?.getLocalState()?.[FieldStateKey] === fieldId) {
        publishFocusedField(awareness, null)
      }
    },
    [awareness, fieldId],
  )

  const common = {
    id,
    maxLength,
    readOnly: !editable,
    'aria-describedby': [describedBy, others.length > 0 ? `${id}-presence` : undefined].filter(Boolean).join(' ') || undefined,
    'data-testid': testId,
    'data-others': others.length > 0 ? others.join(', ') : undefined,
    onFocus: () => {
      // A new field starts a new undo step (typing here is not merged with the last field).
      docUndo(doc, kind).manager.stopCapturing()
      if (editable) {
        publishFocusedField(awareness, fieldId)
      }
    },
    onBlur: () => publishFocusedField(awareness, null),
  }
  return (
    <>
      {multiline || singleLine ? (
        <textarea
          {...common}
          ref={(element) => {
            ref.current = element
          }}
          rows={rows ?? (singleLine ? 1 : 3)}
          className={singleLine ? 'grow single-line' : 'grow'}
          onKeyDown={
            singleLine
              ? (event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault()
                  }
                }
              : undefined
          }
        />
      ) : (
        <input
          {...common}
          ref={(element) => {
            ref.current = element
          }}
        />
      )}
      <span id={`${id}-presence`} className="field-presence" aria-live="polite" data-testid={`${testId}-presence`}>
        {others.length > 0 ? t('presence.typingHere', { count: others.length, names: others.join(` ${t('presence.and')} `) }) : ''}
      </span>
    </>
  )
}
