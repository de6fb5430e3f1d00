import { useTranslation } from 'react-i18next'
import { resolveAuthorship, type BoundAccount } from '../../../../../shared/src/comments/authorship.js'

/** A comment's or reply's author fields as read from the document. */
interface Authored {
  authorId: string
  authorName?: string
  writerClientIds: number[]
}

/** The name the document states, falling back to the caller's own name or a generic one. */
function claimedName(item: Authored, me: { id: string; name: string }, fallback: string): string {
  if (item.authorName) {
    return item.authorName
  }
  return item.authorId === me.id ? me.name : fallback
}

/**
 * The author of a comment or reply: the stated name, and when the account
 * the relay bound to the writing client id is someone else, a warning
 * "angegeben als … — geschrieben von …" (issue 17).
 */
export function CommentAuthor({ item, me, authors }: { item: Authored; me: { id: string; name: string }; authors: ReadonlyMap<number, BoundAccount> }) {
  const { t } = useTranslation()
  const claimed = claimedName(item, me, t('comments.unknownAuthor'))
  const { writer, mismatch } = resolveAuthorship(item.authorId, item.writerClientIds, authors)
  if (!mismatch) {
    return <strong data-testid="comment.author">{claimed}</strong>
  }
  const writerName = writer?.name ?? t('comments.unknownAuthor')
  return (
    <>
      <strong data-testid="comment.author">{writerName}</strong>{' '}
      <span className="badge badge-off" role="note" data-testid="comment.author-mismatch">
        {t('comments.authorMismatch', { claimed, writer: writerName })}
      </span>
    </>
  )
}
