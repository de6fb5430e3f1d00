/**
 * Words of the accompaniment and the Austrittsformular (issue 19), written
 * once for the app (`accompanimentWords.*`) and the data export.
 */
import type { IncidentKind, SupportLevel } from '../caseDocument/accompaniment.js'
import type { ExitFollowUp, ExitReason } from '../caseDocument/exitForm.js'
import type { ReportLanguage } from '../report/labels.js'

export interface AccompanimentLabels {
  supportLevel: Record<SupportLevel, string>
  incidentKind: Record<IncidentKind, string>
  exitReason: Record<ExitReason, string>
  exitFollowUp: Record<ExitFollowUp, string>
  headings: {
    supportIntensity: string
    incidents: string
    exitForm: string
    reportedTo: string
    followUps: string
    done: string
    open: string
    due: string
    hoursPerWeek: string
    exitDate: string
    exitReason: string
    exitFollowUps: string
    otherFollowUp: string
    handover: string
    /** After the date an incident was last changed on. */
    edited: string
  }
}

const de: AccompanimentLabels = {
  supportLevel: { high: 'intensiv', medium: 'regelmäßig', low: 'gelegentlich', onCall: 'nur bei Bedarf' },
  incidentKind: {
    crisis: 'Krise',
    conflict: 'Konflikt',
    jobAtRisk: 'Arbeitsplatz gefährdet',
    absence: 'Fehlzeiten',
    other: 'anderer Zwischenfall',
  },
  exitReason: {
    durationEnded: 'Vereinbarte Dauer abgelaufen',
    goalReached: 'Ziel erreicht',
    clientWish: 'Auf Wunsch der Person',
    coachEvaluation: 'Nach Auswertung durch die Jobcoaches',
    funderDecision: 'Entscheid des Kostenträgers',
    aborted: 'Abbruch',
    other: 'Anderer Grund',
  },
  exitFollowUp: {
    rav: 'RAV (Regionales Arbeitsvermittlungszentrum)',
    socialServices: 'Sozialamt / Sozialdienst',
    proInfirmis: 'Pro Infirmis',
    ivOffice: 'IV-Stelle',
    other: 'Andere Stelle',
  },
  headings: {
    supportIntensity: 'Intensität der Begleitung',
    incidents: 'Krisen- und Zwischenfallprotokoll',
    exitForm: 'Austrittsformular',
    reportedTo: 'Gemeldet an',
    followUps: 'Nachbereitung',
    done: 'erledigt',
    open: 'offen',
    due: 'bis',
    hoursPerWeek: 'Stunden pro Woche',
    exitDate: 'Austrittsdatum',
    exitReason: 'Grund des Austritts',
    exitFollowUps: 'Anschlusslösungen und Anlaufstellen',
    otherFollowUp: 'Andere Stelle',
    handover: 'Übergabe und nächste Schritte',
    edited: 'zuletzt geändert am',
  },
}

const en: AccompanimentLabels = {
  supportLevel: { high: 'intensive', medium: 'regular', low: 'occasional', onCall: 'on call only' },
  incidentKind: { crisis: 'Crisis', conflict: 'Conflict', jobAtRisk: 'Job at risk', absence: 'Absence', other: 'Other incident' },
  exitReason: {
    durationEnded: 'Agreed duration over',
    goalReached: 'Goal reached',
    clientWish: "At the person's wish",
    coachEvaluation: "After the coaches' evaluation",
    funderDecision: "Funder's decision",
    aborted: 'Ended early',
    other: 'Other reason',
  },
  exitFollowUp: {
    rav: 'RAV (regional employment centre)',
    socialServices: 'Social services (Sozialamt)',
    proInfirmis: 'Pro Infirmis',
    ivOffice: 'Disability insurance office (IV-Stelle)',
    other: 'Other office',
  },
  headings: {
    supportIntensity: 'Support intensity',
    incidents: 'Crisis and incident log',
    exitForm: 'Exit form (Austrittsformular)',
    reportedTo: 'Reported to',
    followUps: 'Follow-ups',
    done: 'done',
    open: 'open',
    due: 'by',
    hoursPerWeek: 'hours a week',
    exitDate: 'Exit date',
    exitReason: 'Reason for the exit',
    exitFollowUps: 'Follow-up options',
    otherFollowUp: 'Other office',
    handover: 'Handover and next steps',
    edited: 'last changed on',
  },
}

export function accompanimentLabels(language: ReportLanguage): AccompanimentLabels {
  return language === 'en' ? en : de
}
