import { useCallback, useEffect, useId, useState } from 'react'
import { useSearchParams } from 'react-router'
import { ConfidentialFields } from '../../../../../shared/src/caseDocument/confidential.js'
import type { CompletenessTarget } from '../../../../../shared/src/process/completeness.js'
import { defaultPlanView, initialPlanView, rememberPlanView, type PlanView } from '../planView.js'
import type { CaseSession } from '../session/CaseSessionContext.js'
import type { CaseScreen } from './CaseScreenContext.js'
import { tabsFor, type CaseTab } from './caseTabs.js'
import { paramsWithTab, requestedTab, tabOrPlan } from './tabParam.js'

/** The element id a completeness target points at: a goal, a phase, or the tab's panel. */
function focusTargetId(idPrefix: string, target: CompletenessTarget): string {
  return target.goalId ? `goal-${target.goalId}` : target.phase ? `phase-${target.phase}` : `${idPrefix}-panel-${target.tab}`
}

/** The state of a case screen for a session: tabs, the tab shown, the plan view, and moving focus to a target. */
export function useCaseScreenState(session: CaseSession): CaseScreen {
  const idPrefix = useId()
  const { role, roomUser, rooms } = session
  const confidentialReadable = ConfidentialFields.some((field) => rooms.confidentialAccess[field] !== 'none')
  const tabs = tabsFor(role, rooms.notesAccess, confidentialReadable)
  const [params, setParams] = useSearchParams()
  const [tab, setTabState] = useState<string | null>(() => requestedTab(params))
  const activeTab = tabOrPlan(tab, tabs)
  const setTab = useCallback(
    (next: CaseTab): void => {
      setTabState(next)
      setParams((current) => paramsWithTab(current, next), { replace: true })
    },
    [setParams],
  )
  const [viewChoice, setViewChoice] = useState<PlanView | null>(null)
  const [pendingFocus, setPendingFocus] = useState<string | null>(null)

  useEffect(() => {
    if (pendingFocus === null) {
      return undefined
    }
    const frame = requestAnimationFrame(() => {
      const target = document.getElementById(pendingFocus)
      target?.focus()
      target?.scrollIntoView({ block: 'start' })
      setPendingFocus(null)
    })
    return () => cancelAnimationFrame(frame)
  }, [pendingFocus, activeTab])

  // Only a role that starts in the plain view (the coachee) switches views.
  const plainWords = defaultPlanView(role) === 'plain'
  const view: PlanView = plainWords ? (viewChoice ?? initialPlanView(roomUser.id, role)) : 'full'

  const chooseView = useCallback(
    (next: PlanView): void => {
      rememberPlanView(roomUser.id, next)
      setViewChoice(next)
    },
    [roomUser.id],
  )
  const canGoTo = (target: CompletenessTarget): boolean => target.tab !== 'report' && tabs.includes(target.tab)
  const goTo = (target: CompletenessTarget): boolean => {
    if (!canGoTo(target)) {
      return false
    }
    setTab(target.tab as CaseTab)
    setPendingFocus(focusTargetId(idPrefix, target))
    return true
  }
  return { idPrefix, tabs, activeTab, withTabs: tabs.length > 1, selectTab: setTab, canGoTo, goTo, view, plain: view === 'plain', plainWords, chooseView }
}
