import { useTranslation } from 'react-i18next'

/** Which real identifier each placeholder stands for: shown to the author only, never stored. */
export function LegendTable({ legend, testId }: { legend: ReadonlyArray<{ placeholder: string; identifier: string }>; testId: string }) {
  const { t } = useTranslation()
  return (
    <table className="supervision-legend" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('supervision.legend.placeholder')}</th>
          <th scope="col">{t('supervision.legend.identifier')}</th>
        </tr>
      </thead>
      <tbody>
        {legend.map((entry) => (
          <tr key={`${entry.placeholder}-${entry.identifier}`}>
            <td>
              <mark className="anonymised">{entry.placeholder}</mark>
            </td>
            <td>{entry.identifier}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
