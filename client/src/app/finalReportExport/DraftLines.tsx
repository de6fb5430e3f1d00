/**
 * The anonymised final report as its author reviews it: the lines the PDF
 * will hold, every span the anonymiser wrote highlighted (names, places,
 * weeks, redactions), so the author sees what was replaced.
 */
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FinalReportDraft } from '../../../../shared/src/api/finalReportExport.js'
import { RedactionPlaceholder } from '../../../../shared/src/anonymise/index.js'
import '../supervision/supervision.css'

type Line = FinalReportDraft['lines'][number]

function Segments({ line }: { line: Line }) {
  const { t } = useTranslation()
  return (
    <>
      {line.segments.map((segment, index) =>
        segment.replaced === undefined ? (
          segment.text
        ) : (
          <mark
            key={index}
            className={`anonymised${segment.text === RedactionPlaceholder ? ' anonymised-redaction' : ''}`}
            title={t('supervision.replaced', { placeholder: segment.text })}
            aria-description={t('supervision.replaced', { placeholder: segment.text })}
            data-testid="finalReportExport.replacement"
          >
            {segment.text}
          </mark>
        ),
      )}
    </>
  )
}

/** The lines in reading order; neighbouring list items become one list. */
export function DraftLines({ lines }: { lines: readonly Line[] }) {
  const out: ReactNode[] = []
  let items: ReactNode[] = []
  const flush = (key: number): void => {
    if (items.length > 0) {
      out.push(<ul key={`list-${key}`}>{items}</ul>)
      items = []
    }
  }
  lines.forEach((line, index) => {
    if (line.kind === 'item') {
      items.push(
        <li key={index}>
          <Segments line={line} />
        </li>,
      )
      return
    }
    flush(index)
    const content = <Segments line={line} />
    if (line.kind === 'title') {
      out.push(<h2 key={index}>{content}</h2>)
    } else if (line.kind === 'heading') {
      out.push(<h3 key={index}>{content}</h3>)
    } else if (line.kind === 'subheading') {
      out.push(<h4 key={index}>{content}</h4>)
    } else {
      out.push(<p key={index}>{content}</p>)
    }
  })
  flush(lines.length)
  return <>{out}</>
}
