import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccountSettingsReply, CalendarFeedReply } from '../../../shared/src/api/mail.js'
import { api } from '../api/endpoints.js'
import { ErrorAlert } from '../components/ErrorAlert.js'
import { useAuth } from './AuthContext.js'
import { errorText } from './errorText.js'
import { formatDateTime } from './format.js'

/** The daily reminder digest on or off. */
function DigestSetting() {
  const { t } = useTranslation()
  const id = useId()
  const [state, setState] = useState<AccountSettingsReply | null>(null)
  const [saved, setSaved] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api
      .settings()
      .then(({ data }) => setState(data))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])

  const toggle = async (digestEnabled: boolean): Promise<void> => {
    setError(null)
    setSaved(false)
    try {
      const { data } = await api.updateSettings({ digestEnabled })
      setState(data)
      setSaved(true)
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t('settings.mailHeading')}</h2>
      {state && !state.mailEnabled ? <p className="meta">{t('settings.mailOff')}</p> : null}
      <div className="checkbox">
        <input
          id={`${id}-digest`}
          type="checkbox"
          disabled={state === null}
          checked={state?.settings.digestEnabled ?? false}
          onChange={(event) => void toggle(event.target.checked)}
          data-testid="settings.digest"
        />
        <label htmlFor={`${id}-digest`}>{t('settings.digest')}</label>
      </div>
      {saved ? (
        <p role="status" className="meta" data-testid="settings.saved">
          {t('settings.saved')}
        </p>
      ) : null}
      <ErrorAlert message={error} testId="settings.error" />
    </section>
  )
}

/** The private calendar subscription: made, renewed or ended here; its address is shown once. */
function CalendarSetting() {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [feed, setFeed] = useState<CalendarFeedReply['feed'] | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api
      .calendarFeed()
      .then(({ data }) => setFeed(data.feed))
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [t])

  const create = async (): Promise<void> => {
    setError(null)
    try {
      setFeed((await api.createCalendarFeed()).data.feed)
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  const remove = async (): Promise<void> => {
    setError(null)
    try {
      await api.deleteCalendarFeed()
      setFeed(null)
    } catch (err) {
      setError(errorText(t, err))
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t('settings.calendarHeading')}</h2>
      <p>{t('settings.calendarIntro')}</p>
      {feed === null ? <p data-testid="calendar.none">{t('settings.calendarNone')}</p> : null}
      {feed ? <p data-testid="calendar.since">{t('settings.calendarSince', { at: formatDateTime(feed.createdAt, i18n.language) })}</p> : null}
      {feed?.url !== undefined ? (
        <>
          <label htmlFor={`${id}-url`}>{t('settings.calendarUrl')}</label>
          <input id={`${id}-url`} readOnly value={feed.url} onFocus={(event) => event.target.select()} data-testid="calendar.url" />
        </>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={() => void create()} disabled={feed === undefined} data-testid="calendar.create">
          {feed ? t('settings.calendarRenew') : t('settings.calendarCreate')}
        </button>
        {feed ? (
          <button type="button" className="danger" onClick={() => void remove()} data-testid="calendar.delete">
            {t('settings.calendarDelete')}
          </button>
        ) : null}
      </div>
      <ErrorAlert message={error} testId="calendar.error" />
    </section>
  )
}

/** `/settings` (staff): the daily reminder mail and the calendar subscription. */
export function SettingsScreen() {
  const { t } = useTranslation()
  const { user } = useAuth()
  return (
    <div className="stack">
      <h1>{t('settings.title')}</h1>
      <DigestSetting />
      {user?.kind === 'staff' ? <CalendarSetting /> : null}
    </div>
  )
}
