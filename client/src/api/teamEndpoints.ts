/** The team lead's endpoints (issue 22): the overview, coach assignments, the annual statistics. */
import { MemberReply } from '../../../shared/src/api/cases.js'
import { StatisticsReply } from '../../../shared/src/api/statistics.js'
import { TeamOverviewReply, type AssignCoachBody } from '../../../shared/src/api/team.js'
import { request } from './http.js'

const coachesUrl = (caseId: string): string => `/api/team/cases/${encodeURIComponent(caseId)}/coaches`

export const teamApi = {
  overview: () => request('/api/team/overview', { reply: TeamOverviewReply }),
  assignCoach: (caseId: string, body: AssignCoachBody) => request(coachesUrl(caseId), { method: 'POST', body, reply: MemberReply }),
  unassignCoach: (caseId: string, userId: string) => request(`${coachesUrl(caseId)}/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  statistics: (year: number) => request(`/api/statistics?year=${year}`, { reply: StatisticsReply }),
}

/** The CSV download of a year's figures, in the reader's language. */
export function statisticsCsvUrl(year: number, language: string): string {
  return `/api/statistics.csv?year=${year}&lang=${language === 'en' ? 'en' : 'de'}`
}
