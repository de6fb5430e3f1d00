import { useEditorState, type Editor } from '@tiptap/react'
import { useCallback, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { encodeAnchor, type CommentAnchor } from '../../../../../shared/src/comments/anchor.js'
import { Limits } from '../../../../../shared/src/limits.js'
import { addComment, addReply, setResolved, type CommentView } from '../../../../../shared/src/comments/thread.js'
import { phaseNotes } from '../../../../../shared/src/caseDocument/notes.js'
import type { Phase } from '../../../../../shared/src/caseDocument/plan.js'
import { anchorFromSelection, anchorRange, CommentHighlight, refreshCommentHighlights, selectionHasText } from '../../../editor/comments.js'
import { RichTextEditor } from '../../../editor/RichTextEditor.js'
import type { BoundAccount } from '../../../../../shared/src/comments/authorship.js'
import { formatDateTime } from '../../format.js'
import { newId } from '../../newId.js'
import { CommentAuthor } from './CommentAuthor.js'
import { usePhaseComments } from './usePhaseComments.js'
import { useRoomAuthors } from './useRoomAuthors.js'

export interface CommentedPhaseEditorProps {
  doc: Y.Doc
  provider: WebsocketProvider
  phase: Phase
  caretUser: { name: string; color: string }
  me: { id: string; name: string }
  writable: boolean
  labelledBy: string
  label: string
}

function CommentButton({ editor, disabled, onClick }: { editor: Editor; disabled: boolean; onClick: () => void }) {
  const { t } = useTranslation()
  const hasText = useEditorState({ editor, selector: ({ editor: current }) => selectionHasText(current.state) })
  return (
    <button
      type="button"
      className="tool tool-comment"
      disabled={disabled || !hasText}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      title={t('comments.addHint')}
      aria-keyshortcuts="Control+Alt+M"
      data-testid="comment.add"
    >
      {t('comments.add')}
    </button>
  )
}

/**
 * One phase note with its tandem comments: the editor (with highlights of the
 * commented text and a "Kommentieren" button) and the side list of comments.
 */
export function CommentedPhaseEditor({ doc, provider, phase, caretUser, me, writable, labelledBy, label }: CommentedPhaseEditorProps) {
  const [editor, setEditor] = useState<Editor | null>(null)
  const [draft, setDraft] = useState<CommentAnchor | null>(null)
  const [activeId, setActiveId] = useState<string | null>(null)
  const requestRef = useRef<(current: Editor) => void>(() => {})
  requestRef.current = (current: Editor) => {
    const anchor = anchorFromSelection(current.state, phase)
    if (anchor) {
      setDraft(anchor)
    }
  }
  const extensions = useMemo(
    () => [
      CommentHighlight.configure({
        phase,
        onRequestComment: (current) => requestRef.current(current),
        onActivate: (commentId) => setActiveId(commentId),
      }),
    ],
    [phase],
  )
  const toolbarExtra = useCallback(
    (current: Editor) => <CommentButton editor={current} disabled={!writable} onClick={() => requestRef.current(current)} />,
    [writable],
  )
  const select = useCallback(
    (comment: CommentView) => {
      setActiveId(comment.id)
      if (!editor || editor.isDestroyed) {
        return
      }
      refreshCommentHighlights(editor, comment.id)
      const range = comment.anchor ? anchorRange(editor.state, comment.anchor) : null
      if (range) {
        editor.chain().focus().setTextSelection(range).scrollIntoView().run()
      }
    },
    [editor],
  )

  return (
    <div className="phase-body">
      <div className="phase-editor">
        <RichTextEditor
          fragment={phaseNotes(doc, phase)}
          provider={provider}
          user={caretUser}
          editable={writable}
          labelledBy={labelledBy}
          label={label}
          testId={`notes.editor.${phase}`}
          extensions={extensions}
          toolbarExtra={toolbarExtra}
          onEditor={setEditor}
        />
      </div>
      <CommentList
        doc={doc}
        room={provider.roomname}
        phase={phase}
        me={me}
        writable={writable}
        label={label}
        draft={draft}
        onDraftDone={() => {
          setDraft(null)
          editor?.commands.focus()
        }}
        activeId={activeId}
        onSelect={select}
      />
    </div>
  )
}

interface CommentListProps {
  doc: Y.Doc
  phase: Phase
  me: { id: string; name: string }
  writable: boolean
  label: string
  /** The notes room's name (the authors of its client ids are read for it). */
  room: string
  draft: CommentAnchor | null
  onDraftDone: () => void
  activeId: string | null
  onSelect: (comment: CommentView) => void
}

function CommentList({ doc, room, phase, me, writable, label, draft, onDraftDone, activeId, onSelect }: CommentListProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const all = usePhaseComments(doc, phase)
  const open = all.filter((comment) => !comment.resolved)
  const resolved = all.filter((comment) => comment.resolved)
  const authors = useRoomAuthors(
    room,
    all.flatMap((comment) => [...comment.writerClientIds, ...comment.replies.flatMap((reply) => reply.writerClientIds)]),
  )

  return (
    <aside className="comments" aria-labelledby={headingId} data-testid={`comments.${phase}`}>
      <h4 id={headingId}>
        {t('comments.headingPhase', { phase: label })}
        {open.length > 0 ? <span className="comments-count"> · {t('comments.count', { count: open.length })}</span> : null}
      </h4>
      {draft ? <NewCommentForm doc={doc} me={me} anchor={draft} onDone={onDraftDone} /> : null}
      {all.length === 0 && !draft ? <p className="meta">{writable ? t('comments.addHint') : t('comments.none')}</p> : null}
      <ul className="comment-list">
        {open.map((comment) => (
          <CommentItem key={comment.id} doc={doc} comment={comment} me={me} writable={writable} active={comment.id === activeId} onSelect={onSelect} authors={authors} />
        ))}
      </ul>
      {resolved.length > 0 ? (
        <details className="comments-resolved">
          <summary>{t('comments.showResolved', { count: resolved.length })}</summary>
          <ul className="comment-list">
            {resolved.map((comment) => (
              <CommentItem key={comment.id} doc={doc} comment={comment} me={me} writable={writable} active={comment.id === activeId} onSelect={onSelect} authors={authors} />
            ))}
          </ul>
        </details>
      ) : null}
    </aside>
  )
}

function NewCommentForm({ doc, me, anchor, onDone }: { doc: Y.Doc; me: { id: string; name: string }; anchor: CommentAnchor; onDone: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (text.trim() === '') {
      setError(t('comments.emptyText'))
      return
    }
    addComment(doc, { id: newId(), authorId: me.id, authorName: me.name, createdAt: new Date().toISOString(), text, anchor: encodeAnchor(anchor) })
    onDone()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onDone()
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      submit(event)
    }
  }
  return (
    <form className="comment-form" onSubmit={submit}>
      {anchor.quote ? <blockquote className="comment-quote">{anchor.quote}</blockquote> : null}
      <label htmlFor={`${id}-text`}>{t('comments.newLabel')}</label>
      <textarea
        id={`${id}-text`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        maxLength={Limits.maxCommentLength}
        rows={3}
        autoFocus
        aria-invalid={error !== null}
        data-testid="comment.text"
      />
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <div className="comment-actions">
        <button type="submit" className="primary" data-testid="comment.submit">
          {t('comments.submit')}
        </button>
        <button type="button" onClick={onDone}>
          {t('comments.cancel')}
        </button>
      </div>
    </form>
  )
}

interface CommentItemProps {
  doc: Y.Doc
  comment: CommentView
  me: { id: string; name: string }
  writable: boolean
  active: boolean
  onSelect: (comment: CommentView) => void
  /** The accounts bound to the notes room's client ids (who really wrote what). */
  authors: ReadonlyMap<number, BoundAccount>
}

function CommentItem({ doc, comment, me, writable, active, onSelect, authors }: CommentItemProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [replying, setReplying] = useState(false)
  const [reply, setReply] = useState('')
  const detached = comment.position.status === 'detached'
  const quote = comment.position.status === 'attached' ? comment.position.text : (comment.anchor?.quote ?? '')
  const sendReply = (event: FormEvent): void => {
    event.preventDefault()
    if (reply.trim() === '') {
      return
    }
    addReply(doc, comment.id, { id: newId(), authorId: me.id, authorName: me.name, createdAt: new Date().toISOString(), text: reply })
    setReply('')
    setReplying(false)
  }
  return (
    <li
      className={`comment${active ? ' comment-active' : ''}${comment.resolved ? ' comment-resolved' : ''}${detached ? ' comment-detached' : ''}`}
      data-testid="comment.item"
      data-comment-id={comment.id}
      data-resolved={comment.resolved ? 'true' : 'false'}
      data-detached={detached ? 'true' : 'false'}
    >
      <p className="comment-head">
        <CommentAuthor item={comment} me={me} authors={authors} />{' '}
        <time dateTime={comment.createdAt} className="meta">
          {formatDateTime(comment.createdAt, i18n.language)}
        </time>
        {comment.resolved ? <span className="badge">{t('comments.resolved')}</span> : null}
      </p>
      {detached ? (
        <p className="comment-detached-note">
          {t('comments.detached')}
          {quote ? <span className="comment-quote-inline"> »{quote}«</span> : null}
        </p>
      ) : (
        <button type="button" className="comment-quote-button" onClick={() => onSelect(comment)} title={t('comments.select')} data-testid="comment.select">
          <span className="visually-hidden">{t('comments.quote')}: </span>»{quote.length > 120 ? `${quote.slice(0, 119)}…` : quote}«
        </button>
      )}
      <p className="comment-text" data-testid="comment.body">
        {comment.text}
      </p>
      {comment.replies.length > 0 ? (
        <ul className="comment-replies">
          {comment.replies.map((entry) => (
            <li key={entry.id} data-testid="comment.reply-item">
              <p className="comment-head">
                <CommentAuthor item={entry} me={me} authors={authors} />{' '}
                <time dateTime={entry.createdAt} className="meta">
                  {formatDateTime(entry.createdAt, i18n.language)}
                </time>
              </p>
              <p className="comment-text">{entry.text}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {writable ? (
        replying ? (
          <form className="comment-form" onSubmit={sendReply}>
            <label htmlFor={`${id}-reply`} className="visually-hidden">
              {t('comments.replyLabel')}
            </label>
            <textarea
              id={`${id}-reply`}
              value={reply}
              onChange={(event) => setReply(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  setReplying(false)
                } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  sendReply(event)
                }
              }}
              rows={2}
              maxLength={Limits.maxCommentLength}
              autoFocus
              data-testid="comment.reply-text"
            />
            <div className="comment-actions">
              <button type="submit" className="primary" disabled={reply.trim() === ''} data-testid="comment.reply-submit">
                {t('comments.replySubmit')}
              </button>
              <button type="button" onClick={() => setReplying(false)}>
                {t('comments.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <div className="comment-actions">
            <button type="button" onClick={() => setReplying(true)} data-testid="comment.reply">
              {t('comments.reply')}
            </button>
            <button
              type="button"
              onClick={() => setResolved(doc, comment.id, !comment.resolved, { userId: me.id, at: new Date().toISOString() })}
              aria-pressed={comment.resolved}
              data-testid="comment.resolve"
            >
              {comment.resolved ? t('comments.reopen') : t('comments.resolve')}
            </button>
          </div>
        )
      ) : null}
    </li>
  )
}
