/**
 * The case screen's tab in the address (`?tab=notes`), replaced in place
 * (no history entry per tab): a reload returns to the tab the user was on
 * and renders only that one, and a link can open a tab. The plan, every
 * role's first tab, has no parameter, so `/cases/<id>` opens on it. The
 * screen reads the address when it opens and keeps the tab in its own state
 * from then on: the router applies address changes in a transition, and a
 * tab must switch at once when clicked.
 */
import type { CaseTab } from './caseTabs.js'

const TabParam = 'tab'

/** The tab the address asks for (unchecked: the caller's tabs may still change). */
export function requestedTab(params: URLSearchParams): string | null {
  return params.get(TabParam)
}

/** The requested tab if it is one of the caller's `tabs`; otherwise the plan. */
export function tabOrPlan(requested: string | null, tabs: readonly CaseTab[]): CaseTab {
  return tabs.find((tab) => tab === requested) ?? 'plan'
}

/** The parameters with `tab` shown; other parameters stay. */
export function paramsWithTab(params: URLSearchParams, tab: CaseTab): URLSearchParams {
  const next = new URLSearchParams(params)
  if (tab === 'plan') {
    next.delete(TabParam)
  } else {
    next.set(TabParam, tab)
  }
  return next
}
