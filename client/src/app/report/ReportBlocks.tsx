import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportHours } from '../../../../shared/src/report/buildReport.js'
import type { TextBlock } from '../../../../shared/src/richText/textBlocks.js'
import { formatHours } from '../../../../shared/src/report/markdown.js'

/** Read-only rendering of rich-text blocks (phase notes, meeting outcomes) in a report. */
export function RichBlocks({ blocks, empty }: { blocks: TextBlock[]; empty: string }) {
  const visible = blocks.filter((block) => block.kind === 'rule' || block.text.trim() !== '')
  if (visible.length === 0) {
    return <p className="report-empty">{empty}</p>
  }
  const out: ReactNode[] = []
  let list: TextBlock[] = []
  const flush = (key: number): void => {
    if (list.length === 0) {
      return
    }
    out.push(
      <ul key={`l${key}`} className="report-list">
        {list.map((item, index) => (
          <li key={index} style={{ marginLeft: `${((item.level ?? 1) - 1) * 1.2}rem`, listStyle: item.number !== undefined ? 'none' : undefined }}>
            {item.number !== undefined ? `${item.number}. ` : null}
            {item.text}
          </li>
        ))}
      </ul>,
    )
    list = []
  }
  visible.forEach((block, index) => {
    if (block.kind === 'listItem') {
      list.push(block)
      return
    }
    flush(index)
    switch (block.kind) {
      case 'heading':
        out.push(<h4 key={index}>{block.text}</h4>)
        break
      case 'quote':
        out.push(<blockquote key={index}>{block.text}</blockquote>)
        break
      case 'code':
        out.push(<pre key={index}>{block.text}</pre>)
        break
      case 'rule':
        out.push(<hr key={index} />)
        break
      default:
        out.push(<p key={index}>{block.text}</p>)
    }
  })
  flush(visible.length)
  return <div className="report-text">{out}</div>
}

/** Hours used against the budget, by phase and by coach. */
export function HoursSummary({ hours }: { hours: ReportHours }) {
  const { t, i18n } = useTranslation()
  const h = (value: number): string => t('report.hoursUnit', { hours: formatHours(value, i18n.language) })
  return (
    <div data-testid="report.hours" data-total={hours.total} data-budget={hours.budget ?? ''}>
      <dl className="report-facts">
        <dt>{t('report.hoursTotal')}</dt>
        <dd data-testid="report.hours-total">
          {hours.budget !== undefined
            ? t('report.hoursOfBudget', { used: formatHours(hours.total, i18n.language), budget: formatHours(hours.budget, i18n.language) })
            : h(hours.total)}
        </dd>
        {hours.remaining !== undefined ? (
          <>
            <dt>{hours.remaining < 0 ? t('report.hoursOver') : t('report.hoursRemaining')}</dt>
            <dd className={hours.remaining < 0 ? 'attainment-notAchieved' : undefined}>{h(Math.abs(hours.remaining))}</dd>
          </>
        ) : null}
      </dl>
      {hours.entries === 0 ? <p className="report-empty">{t('report.noHours')}</p> : null}
      {hours.byPhase.length > 0 ? (
        <table className="report-table">
          <caption>{t('report.hoursByPhase')}</caption>
          <tbody>
            {hours.byPhase.map((row) => (
              <tr key={row.phase ?? 'none'}>
                <th scope="row">{row.phase ? t(`phases.${row.phase}`) : t('report.noPhase')}</th>
                <td className="num">{h(row.hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {hours.byCoach.length > 0 ? (
        <table className="report-table">
          <caption>{t('report.hoursByCoach')}</caption>
          <tbody>
            {hours.byCoach.map((row) => (
              <tr key={row.coachId}>
                <th scope="row">{row.name}</th>
                <td className="num">{h(row.hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}
