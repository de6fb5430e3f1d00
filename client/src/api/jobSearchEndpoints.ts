/** The job search API (issue 19, shared/src/api/jobSearch.ts): a case's application and contact log, and the employer directory. */
import { EmployerReply, EmployersReply, JobSearchEntryReply, JobSearchReply, type SaveEmployerBody, type SaveJobSearchEntryBody } from '../../../shared/src/api/jobSearch.js'
import { request } from './http.js'

const logUrl = (caseId: string): string => `/api/cases/${encodeURIComponent(caseId)}/job-search`
const employerUrl = (id: string): string => `/api/employers/${encodeURIComponent(id)}`

export const jobSearchApi = {
  list: (caseId: string) => request(logUrl(caseId), { reply: JobSearchReply }),
  add: (caseId: string, body: SaveJobSearchEntryBody) => request(logUrl(caseId), { method: 'POST', body, reply: JobSearchEntryReply }),
  change: (caseId: string, entryId: string, body: SaveJobSearchEntryBody) =>
    request(`${logUrl(caseId)}/${encodeURIComponent(entryId)}`, { method: 'PATCH', body, reply: JobSearchEntryReply }),
  employers: () => request('/api/employers', { reply: EmployersReply }),
  addEmployer: (body: SaveEmployerBody) => request('/api/employers', { method: 'POST', body, reply: EmployerReply }),
  changeEmployer: (id: string, body: SaveEmployerBody) => request(employerUrl(id), { method: 'PATCH', body, reply: EmployerReply }),
  deleteEmployer: (id: string) => request(employerUrl(id), { method: 'DELETE' }),
}
