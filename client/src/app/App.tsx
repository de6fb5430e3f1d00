import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router'
import { AuthProvider, useAuth } from './AuthContext.js'
import { CaseListScreen } from './CaseListScreen.js'
import {
  AccompanimentScreen,
  AdminScreen,
  ApplicationReview,
  BillingScreen,
  EmployersScreen,
  ExitFormScreen,
  FinalReportExportScreen,
  InvitationScreen,
  InvoiceScreen,
  MatchScreen,
  OfficeScreen,
  PasswordResetScreen,
  PoolInvitationScreen,
  PoolScreen,
  ReadingScreen,
  ReportScreen,
  RequestScreen,
  RequestsScreen,
  SettingsScreen,
  SetupScreen,
  StatisticsScreen,
  SupervisionCopyScreen,
  SupervisionScreen,
  TeamScreen,
} from './lazyScreens.js'
import { ScreenBoundary } from './ScreenBoundary.js'
import { CaseScreen } from './CaseScreen.js'
import { Header } from './Header.js'
import { LoginScreen } from './LoginScreen.js'
import { SyncIndicatorProvider } from './SyncIndicatorContext.js'

function RequireUser({ children }: { children: ReactNode }) {
  const { status } = useAuth()
  const location = useLocation()
  const { t } = useTranslation()
  if (status === 'loading') {
    return <p role="status">{t('app.loading')}</p>
  }
  if (status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />
  }
  return <>{children}</>
}

function NotFound() {
  const { t } = useTranslation()
  return <p>{t('notFound')}</p>
}

function Layout() {
  const { t } = useTranslation()
  const { offline } = useAuth()
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Header />
      {offline ? (
        <p className="offline-banner" role="status" data-testid="app.offline">
          {t('app.offlineData')}
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        <ScreenBoundary>
          <Routes>
            <Route path="/setup" element={<SetupScreen />} />
            <Route path="/login" element={<LoginScreen />} />
            <Route path="/invitations/:token" element={<InvitationScreen />} />
            <Route path="/pool-invitations/:token" element={<PoolInvitationScreen />} />
            <Route path="/password-reset" element={<PasswordResetScreen />} />
            <Route
              path="/settings"
              element={
                <RequireUser>
                  <SettingsScreen />
                </RequireUser>
              }
            />
            <Route
              path="/"
              element={
                <RequireUser>
                  <CaseListScreen />
                </RequireUser>
              }
            />
            <Route
              path="/cases/:caseId"
              element={
                <RequireUser>
                  <CaseScreen />
                </RequireUser>
              }
            />
            <Route
              path="/cases/:caseId/report/:kind"
              element={
                <RequireUser>
                  <ReportScreen />
                </RequireUser>
              }
            />
            <Route
              path="/cases/:caseId/pool-report"
              element={
                <RequireUser>
                  <FinalReportExportScreen />
                </RequireUser>
              }
            />
            <Route
              path="/cases/:caseId/accompaniment"
              element={
                <RequireUser>
                  <AccompanimentScreen />
                </RequireUser>
              }
            />
            <Route
              path="/cases/:caseId/exit"
              element={
                <RequireUser>
                  <ExitFormScreen />
                </RequireUser>
              }
            />
            <Route
              path="/cases/:caseId/read"
              element={
                <RequireUser>
                  <ReadingScreen />
                </RequireUser>
              }
            />
            <Route
              path="/admin"
              element={
                <RequireUser>
                  <AdminScreen />
                </RequireUser>
              }
            />
            <Route
              path="/requests"
              element={
                <RequireUser>
                  <RequestsScreen />
                </RequireUser>
              }
            />
            <Route
              path="/requests/:requestId"
              element={
                <RequireUser>
                  <RequestScreen />
                </RequireUser>
              }
            />
            <Route
              path="/employers"
              element={
                <RequireUser>
                  <EmployersScreen />
                </RequireUser>
              }
            />
            <Route
              path="/billing"
              element={
                <RequireUser>
                  <BillingScreen />
                </RequireUser>
              }
            />
            <Route
              path="/billing/invoices/:invoiceId"
              element={
                <RequireUser>
                  <InvoiceScreen />
                </RequireUser>
              }
            />
            <Route
              path="/team"
              element={
                <RequireUser>
                  <TeamScreen />
                </RequireUser>
              }
            />
            <Route
              path="/statistics"
              element={
                <RequireUser>
                  <StatisticsScreen />
                </RequireUser>
              }
            />
            <Route
              path="/supervision"
              element={
                <RequireUser>
                  <SupervisionScreen />
                </RequireUser>
              }
            />
            <Route
              path="/supervision/:copyId"
              element={
                <RequireUser>
                  <SupervisionCopyScreen />
                </RequireUser>
              }
            />
            <Route
              path="/pool"
              element={
                <RequireUser>
                  <PoolScreen />
                </RequireUser>
              }
            />
            <Route
              path="/pool/office"
              element={
                <RequireUser>
                  <OfficeScreen />
                </RequireUser>
              }
            />
            <Route
              path="/pool/applications/:applicationId"
              element={
                <RequireUser>
                  <ApplicationReview />
                </RequireUser>
              }
            />
            <Route
              path="/pool/match/:requestId"
              element={
                <RequireUser>
                  <MatchScreen />
                </RequireUser>
              }
            />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </ScreenBoundary>
      </main>
    </>
  )
}

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <SyncIndicatorProvider>
          <Layout />
        </SyncIndicatorProvider>
      </AuthProvider>
    </BrowserRouter>
  )
}
