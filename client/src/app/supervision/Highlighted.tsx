import { useTranslation } from 'react-i18next'
import { PlaceholderLabels, RedactionPlaceholder, UndatedPlaceholder } from '../../../../shared/src/anonymise/index.js'

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The placeholders of a copy's plain fields (the anonymiser's labels with
 * their letters, redactions, week numbers): plain fields carry no mark, so
 * they are found by their shape.
 */
const placeholderPattern = new RegExp(
  [
    `(?:${Object.values(PlaceholderLabels).map(escape).join('|')}) [A-Z]{1,3}(?:/[A-Z]{1,3})*\\b`,
    escape(RedactionPlaceholder),
    escape(UndatedPlaceholder),
    'Woche -?\\d+(?:–\\d+)?',
    '\\d+ Wochen? vor Beginn',
    'mehr als ein Jahr vor Beginn',
  ].join('|'),
  'g',
)

/** Plain text of a copy with each placeholder highlighted like the rich text's marks. */
export function Highlighted({ text }: { text: string }) {
  const { t } = useTranslation()
  const parts: Array<string | { placeholder: string }> = []
  let last = 0
  for (const match of text.matchAll(placeholderPattern)) {
    const index = match.index
    parts.push(text.slice(last, index), { placeholder: match[0] })
    last = index + match[0].length
  }
  parts.push(text.slice(last))
  return (
    <>
      {parts.map((part, index) =>
        typeof part === 'string' ? (
          part
        ) : (
          <mark
            key={index}
            className={`anonymised${part.placeholder === RedactionPlaceholder ? ' anonymised-redaction' : ''}`}
            title={t('supervision.replaced', { placeholder: part.placeholder })}
            aria-description={t('supervision.replaced', { placeholder: part.placeholder })}
            data-testid="supervision.replacement"
          >
            {part.placeholder}
          </mark>
        ),
      )}
    </>
  )
}
