import { createContext, useContext } from 'react'
import type { CompletenessTarget } from '../../../../../shared/src/process/completeness.js'
import type { PlanView } from '../planView.js'
import type { CaseTab } from './caseTabs.js'

/** The case screen's own state: its tabs, the one shown, and the plan view chosen. */
export interface CaseScreen {
  /** Prefix of the element ids of tabs and panels. */
  idPrefix: string
  tabs: readonly CaseTab[]
  activeTab: CaseTab
  /** More than one tab: a tab list is shown and panels are tab panels. */
  withTabs: boolean
  selectTab: (tab: CaseTab) => void
  /** Whether a completeness hint's target is a tab of this screen. */
  canGoTo: (target: CompletenessTarget) => boolean
  /** Shows the target's tab and focuses the goal, phase or panel named; false when it is not here. */
  goTo: (target: CompletenessTarget) => boolean
  /** The plan's view: plain language (the coachee's choice) or the full form. */
  view: PlanView
  plain: boolean
  /** The coachee's words: plain everywhere (tab names, fields, lists), whichever plan view is shown. */
  plainWords: boolean
  chooseView: (view: PlanView) => void
}

/** Provided by CaseLayout. */
export const CaseScreenContext = createContext<CaseScreen | null>(null)

/** The case screen around the caller; throws outside of one. */
export function useCaseScreen(): CaseScreen {
  const screen = useContext(CaseScreenContext)
  if (screen === null) {
    throw new Error('useCaseScreen() outside of a CaseLayout')
  }
  return screen
}
