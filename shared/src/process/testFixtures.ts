/** The glossary's example case as read plan and notes, for the process rules' tests. */
import type { Notes } from '../caseDocument/notes.js'
import { emptyGoal, type Goal, type Plan } from '../caseDocument/plan.js'

export function goal(id: string, overrides: Partial<Goal> = {}): Goal {
  return { ...emptyGoal(id), ...overrides }
}

/** "Kassenbereich Supermarkt": retention, 2026-03-02 to 2026-09-30, 120 hours, three SMART goals. */
export function examplePlan(overrides: Partial<Plan['meta']> = {}, goals?: Goal[]): Plan {
  return {
    meta: {
      schemaVersion: 3,
      title: 'Kassenbereich Supermarkt',
      startDate: '2026-03-02',
      expectedEndDate: '2026-09-30',
      hoursBudget: 120,
      currentPhase: 'analysis',
      employerName: 'Frischmarkt Nord',
      ...overrides,
    },
    goals: goals ?? [
      goal('g1', {
        title: 'Scan-Tempo an der Kasse',
        measurable: 'mindestens 18 Artikel pro Minute laut Kassenstatistik',
        timeBound: '2026-06-30',
      }),
      goal('g2', { title: 'Check-in mit Herrn Demir', measurable: '4 von 5 Wochen mindestens "nützlich"', timeBound: '2026-04-30' }),
      goal('g3', { title: 'Checkliste Kassenabschluss', measurable: 'höchstens ein Fehler pro Woche', timeBound: '2026-05-31' }),
    ],
    participants: [],
  }
}

export function emptyNotes(overrides: Partial<Notes> = {}): Notes {
  return { meta: { schemaVersion: 2 }, reviews: {}, meetings: [], hours: [], comments: [], ...overrides }
}
