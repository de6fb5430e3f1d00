import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate } from 'react-router'
import { can } from '../../../shared/src/policy/actions.js'
import { Languages, setLanguage, type Language } from '../i18n/index.js'
import { SyncStateIndicator } from '../components/SyncStateIndicator.js'
import './header.css'
import { userHasPendingChanges } from '../sync/localData.js'
import { useAuth } from './AuthContext.js'
import { useSyncIndicator } from './SyncIndicatorContext.js'

export function Header() {
  const { t, i18n } = useTranslation()
  const { user, logout } = useAuth()
  const { state } = useSyncIndicator()
  const navigate = useNavigate()
  const languageId = useId()
  const menuId = useId()
  const [menuOpen, setMenuOpen] = useState(false)
  const location = useLocation()
  // A phone shows the navigation behind one button; a new page closes it.
  useEffect(() => setMenuOpen(false), [location.pathname])

  const handleLogout = async (): Promise<void> => {
    if (user && userHasPendingChanges(user.id) && !window.confirm(t('logout.confirmUnsynced'))) {
      return
    }
    await navigate('/login')
    await logout()
  }

  return (
    <header className={`app-header${menuOpen ? ' menu-open' : ''}`} data-testid="header">
      <Link to="/" className="app-name" data-testid="header.home">
        {t('app.name')}
      </Link>
      <SyncStateIndicator state={state} />
      <button
        type="button"
        className="header-menu-button"
        aria-expanded={menuOpen}
        aria-controls={menuId}
        onClick={() => setMenuOpen((open) => !open)}
        data-testid="header.menu"
      >
        {t('header.menu')}
        <span aria-hidden="true"> ☰</span>
      </button>
      <div id={menuId} className="header-menu">
        {user ? (
          <nav aria-label={t('header.mainNav')} className="app-nav">
            <Link to="/" data-testid="header.cases">
              {/* An employer or coachee has their own overview, not a staff "case list" (issue 16). */}
              {t(user.kind === 'staff' ? 'header.cases' : 'header.overview')}
            </Link>
            {can(null, 'requests.read', { takesIntake: user.takesIntake ?? user.kind === 'staff' }) ? (
              // Requests (issue 19) are intake work of coaches, leads and admins, not of an account that only supervises.
              <Link to="/requests" data-testid="header.requests">
                {t('header.requests')}
              </Link>
            ) : null}
            {can(null, 'employers.read', { takesIntake: user.takesIntake ?? user.kind === 'staff' }) ? (
              // The employer directory (issue 19, B5): the same staff who take cases.
              <Link to="/employers" data-testid="header.employers">
                {t('header.employers')}
              </Link>
            ) : null}
            {user.kind === 'staff' ? (
              // The Jobcoach pool (issue 20): every staff account's own application; the office's pages from there.
              <Link to="/pool" data-testid="header.pool">
                {t('header.pool')}
              </Link>
            ) : null}
            {user.kind === 'staff' ? (
              // Staff accounts (coaches, supervisors) reach the supervision copies of their groups.
              <Link to="/supervision" data-testid="header.supervision">
                {t('supervision.nav')}
              </Link>
            ) : null}
            {user.kind === 'staff' ? (
              // Invoices: coaches bill their own cases, staff with the billing flag every case (issue 18); never an external account.
              <Link to="/billing" data-testid="header.billing">
                {t('header.billing')}
              </Link>
            ) : null}
            {user.kind === 'staff' ? (
              // The daily reminder and the calendar are for staff; an external person has nothing to set here.
              <Link to="/settings" data-testid="header.settings">
                {t('header.settings')}
              </Link>
            ) : null}
            {can(null, 'team.overview', { isLead: user.isLead }) ? (
              <Link to="/team" data-testid="header.team">
                {t('header.team')}
              </Link>
            ) : can(null, 'statistics.read', { isAdmin: user.isAdmin }) ? (
              // An admin without the lead flag reaches the statistics only.
              <Link to="/statistics" data-testid="header.statistics">
                {t('header.statistics')}
              </Link>
            ) : null}
            {can(null, 'accounts.manage', { isAdmin: user.isAdmin }) ? (
              <Link to="/admin" data-testid="header.admin">
                {t('header.admin')}
              </Link>
            ) : null}
          </nav>
        ) : null}
        <div className="header-tools">
          {user ? (
            <span className="current-user" data-testid="header.user">
              {/* On a laptop the name alone stands beside "Abmelden" so the header keeps to one line; screen readers and the phone menu keep the words. */}
              <span className="current-user-prefix">{t('header.signedInPrefix')} </span>
              {user.name}
            </span>
          ) : null}
          <label htmlFor={languageId} className="visually-hidden">
            {t('header.language')}
          </label>
          <select
            id={languageId}
            data-testid="header.language"
            value={(Languages as readonly string[]).includes(i18n.language) ? i18n.language : 'de'}
            onChange={(event) => setLanguage(event.target.value as Language)}
          >
            {Languages.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`lang.${language}`)}
              </option>
            ))}
          </select>
          {user ? (
            <button type="button" onClick={() => void handleLogout()} data-testid="header.logout">
              {t('header.logout')}
            </button>
          ) : null}
        </div>
      </div>
    </header>
  )
}
