import { useEditorState, type Editor } from '@tiptap/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** A small formatting toolbar: bold, italic, bullet list, heading. */
export function Toolbar({ editor, label, disabled, children }: { editor: Editor; label: string; disabled: boolean; children?: ReactNode }) {
  const { t } = useTranslation()
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bulletList: current.isActive('bulletList'),
      heading: current.isActive('heading', { level: 3 }),
    }),
  })
  const buttons = [
    { key: 'bold', text: 'B', run: () => editor.chain().focus().toggleBold().run() },
    { key: 'italic', text: 'I', run: () => editor.chain().focus().toggleItalic().run() },
    { key: 'bulletList', text: '•', run: () => editor.chain().focus().toggleBulletList().run() },
    { key: 'heading', text: 'H', run: () => editor.chain().focus().toggleHeading({ level: 3 }).run() },
  ] as const
  return (
    <div role="toolbar" aria-label={t('editor.toolbar', { label })} className="toolbar">
      {buttons.map((button) => (
        <button
          key={button.key}
          type="button"
          aria-label={t(`editor.${button.key}`)}
          title={t(`editor.${button.key}`)}
          aria-pressed={active[button.key]}
          disabled={disabled}
          onClick={button.run}
          className={`tool tool-${button.key}`}
        >
          {button.text}
        </button>
      ))}
      {children}
    </div>
  )
}
