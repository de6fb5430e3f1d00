/**
 * /statistics: the annual figures (issue 22) as a printable page, with the
 * CSV download. Suppressed cells show "–" with the note why; tables have
 * captions and header cells for screen readers.
 */
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AnnualFigures, StatisticsTable } from '../../../../shared/src/statistics/annualFigures.js'
import { statisticsLabels, statisticsRowLabel } from '../../../../shared/src/statistics/labels.js'
import { can } from '../../../../shared/src/policy/actions.js'
import { Limits } from '../../../../shared/src/limits.js'
import { statisticsCsvUrl, teamApi } from '../../api/teamEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { useUser } from '../AuthContext.js'
import { errorText } from '../errorText.js'
import './team.css'
import { localeOf } from '../format.js'

function FiguresTable({ table, year, language }: { table: StatisticsTable; year: number; language: string }) {
  const labels = statisticsLabels(language === 'en' ? 'en' : 'de')
  const number = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1 })
  return (
    <div className="statistics-table-wrap" role="region" aria-label={labels.tables[table.id]} tabIndex={0}>
      <table className="statistics-table" data-testid="statistics.table" data-table={table.id}>
        <caption>
          {labels.tables[table.id]} {year}
        </caption>
        <thead>
          <tr>
            <td />
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {labels.genders[column]}
              </th>
            ))}
            <th scope="col">{labels.total}</th>
          </tr>
        </thead>
        <tbody>
          {table.cells.map((row, r) => (
            <tr key={r}>
              <th scope="row">{r < table.rows.length ? statisticsRowLabel(labels, language === 'en' ? 'en' : 'de', table.rows[r]!) : labels.total}</th>
              {row.map((value, c) => (
                <td key={c}>{value === null ? <abbr title={labels.suppressedNote.replace('{{threshold}}', '')}>{labels.suppressed}</abbr> : number.format(value)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function StatisticsScreen() {
  const { t, i18n } = useTranslation()
  const me = useUser()
  const id = useId()
  const allowed = can(null, 'statistics.read', { isLead: me.isLead, isAdmin: me.isAdmin })
  const [year, setYear] = useState(new Date().getFullYear())
  const [figures, setFigures] = useState<AnnualFigures | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!allowed || year < Limits.minStatisticsYear || year > Limits.maxStatisticsYear) {
      return
    }
    let current = true
    teamApi
      .statistics(year)
      .then(({ data }) => {
        if (current) {
          setFigures(data)
          setError(null)
        }
      })
      .catch((err: unknown) => current && setError(errorText(t, err)))
    return () => {
      current = false
    }
  }, [allowed, year, t])

  if (!allowed) {
    return <p role="alert">{t('statistics.notAllowed')}</p>
  }
  const labels = statisticsLabels(i18n.language === 'en' ? 'en' : 'de')
  return (
    <div className="stack statistics-screen">
      <h1>{t('statistics.title', { year })}</h1>
      <div className="statistics-controls actions">
        <label htmlFor={`${id}-year`}>{t('statistics.year')}</label>
        <input
          id={`${id}-year`}
          type="number"
          min={Limits.minStatisticsYear}
          max={Limits.maxStatisticsYear}
          value={year}
          onChange={(event) => setYear(Number(event.target.value))}
          data-testid="statistics.year"
        />
        <a href={statisticsCsvUrl(year, i18n.language)} download data-testid="statistics.csv">
          {t('statistics.csv')}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t('statistics.print')}
        </button>
      </div>
      <p>{t('statistics.intro')}</p>
      <ErrorAlert message={error} testId="statistics.error" />
      {figures ? (
        <>
          {figures.tables.map((table) => (
            <FiguresTable key={table.id} table={table} year={figures.year} language={i18n.language} />
          ))}
          <p className="meta" data-testid="statistics.note">
            {labels.suppressedNote.replace('{{threshold}}', String(figures.suppressBelow))}
          </p>
        </>
      ) : error ? null : (
        <p role="status">{t('app.loading')}</p>
      )}
    </div>
  )
}
