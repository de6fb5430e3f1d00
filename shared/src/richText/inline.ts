/** Inline content ({@link RichInline}) as plain text and as inline Markdown. */
import type { RichInline } from './blocks.js'

/** Escapes Markdown's inline specials in user text. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^(\s*)([#>+-])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s|$)/gm, '$1\\.')
}

/** Plain text of inline content (hard breaks as newlines). */
export function inlineText(content: readonly RichInline[]): string {
  return content.map((inline) => (inline.type === 'hardBreak' ? '\n' : inline.text)).join('')
}

/** Inline Markdown of inline content: bold, italic, strike, code and http(s)/mailto links; other marks are dropped. */
export function inlineMarkdown(content: readonly RichInline[]): string {
  return content.map((inline) => (inline.type === 'hardBreak' ? '  \n' : markdownOfRun(inline.text, inline.marks))).join('')
}

function markdownOfRun(run: string, marks: Readonly<Record<string, unknown>>): string {
  if (run === '') {
    return ''
  }
  if (marks.code !== undefined) {
    return `\`${run.replace(/`/g, "'")}\``
  }
  // Keep surrounding spaces outside the markers, or Markdown ignores them.
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run)
  const [, lead = '', core = '', trail = ''] = match ?? []
  if (core === '') {
    return run
  }
  let out = escapeMarkdown(core)
  if (marks.bold !== undefined) {
    out = `**${out}**`
  }
  if (marks.italic !== undefined) {
    out = `*${out}*`
  }
  if (marks.strike !== undefined) {
    out = `~~${out}~~`
  }
  const link = marks.link as { href?: unknown } | undefined
  if (link && typeof link.href === 'string' && /^(https?:|mailto:)/i.test(link.href)) {
    out = `[${out}](${link.href.replace(/[()\s]/g, encodeURIComponent)})`
  }
  return `${lead}${out}${trail}`
}
