/**
 * Screens that load on first use, each in its own chunk (the service worker
 * precaches them all, so they open offline too). The case list, the case and
 * the login stay in the main bundle: they are what nearly every start opens,
 * and the less code a start evaluates the sooner a case is editable (issue 21:
 * the one bundle was 1.7 MB, and fetching, decoding and compiling it came
 * before everything else in the offline open).
 */
import { lazy, type ComponentType } from 'react'

/** A named export of a module as a lazily loaded component. */
function lazyScreen<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] }))
}

export const SetupScreen = lazyScreen(() => import('./SetupScreen.js'), 'SetupScreen')
export const InvitationScreen = lazyScreen(() => import('./InvitationScreen.js'), 'InvitationScreen')
export const PoolInvitationScreen = lazyScreen(() => import('./pool/PoolInvitationScreen.js'), 'PoolInvitationScreen')
export const PasswordResetScreen = lazyScreen(() => import('./PasswordResetScreen.js'), 'PasswordResetScreen')
export const SettingsScreen = lazyScreen(() => import('./SettingsScreen.js'), 'SettingsScreen')
export const ReportScreen = lazyScreen(() => import('./report/ReportScreen.js'), 'ReportScreen')
export const ReadingScreen = lazyScreen(() => import('./report/ReadingScreen.js'), 'ReadingScreen')
export const FinalReportExportScreen = lazyScreen(() => import('./finalReportExport/FinalReportExportScreen.js'), 'FinalReportExportScreen')
export const AccompanimentScreen = lazyScreen(() => import('./accompaniment/AccompanimentScreen.js'), 'AccompanimentScreen')
export const ExitFormScreen = lazyScreen(() => import('./accompaniment/ExitFormScreen.js'), 'ExitFormScreen')
export const AdminScreen = lazyScreen(() => import('./AdminScreen.js'), 'AdminScreen')
export const RequestsScreen = lazyScreen(() => import('./requests/RequestsScreen.js'), 'RequestsScreen')
export const RequestScreen = lazyScreen(() => import('./requests/RequestScreen.js'), 'RequestScreen')
export const EmployersScreen = lazyScreen(() => import('./employers/EmployersScreen.js'), 'EmployersScreen')
export const BillingScreen = lazyScreen(() => import('./billing/BillingScreen.js'), 'BillingScreen')
export const InvoiceScreen = lazyScreen(() => import('./billing/InvoiceScreen.js'), 'InvoiceScreen')
export const TeamScreen = lazyScreen(() => import('./team/TeamScreen.js'), 'TeamScreen')
export const StatisticsScreen = lazyScreen(() => import('./team/StatisticsScreen.js'), 'StatisticsScreen')
export const SupervisionScreen = lazyScreen(() => import('./supervision/SupervisionScreen.js'), 'SupervisionScreen')
export const SupervisionCopyScreen = lazyScreen(() => import('./supervision/SupervisionCopyScreen.js'), 'SupervisionCopyScreen')
export const PoolScreen = lazyScreen(() => import('./pool/PoolScreen.js'), 'PoolScreen')
export const OfficeScreen = lazyScreen(() => import('./pool/OfficeScreen.js'), 'OfficeScreen')
export const ApplicationReview = lazyScreen(() => import('./pool/ApplicationReview.js'), 'ApplicationReview')
export const MatchScreen = lazyScreen(() => import('./pool/MatchScreen.js'), 'MatchScreen')
