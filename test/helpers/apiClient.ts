/**
 * A tiny HTTP client for tests with its own cookie jar (one `fb_session`
 * per client), plus factories that build the glossary's example people and
 * case (shared/domain/GLOSSARY.md).
 */
import type { CaseSummary, Member } from '../../shared/src/api/cases.js'
import type { CaseRole } from '../../shared/src/policy/access.js'
import type { User } from '../../shared/src/api/users.js'
import type { TestRelay } from './startRelay.js'

/** A response: status and parsed JSON body (or the text, or null when empty). */
export interface ApiResponse<T = unknown> {
  status: number
  body: T
}

/** An API client with its own cookie jar. */
export class ApiClient {
  /** Cookie header value to send (e.g. in a WebSocket upgrade); '' when logged out. */
  cookie = ''

  constructor(readonly baseUrl: string) {}

  /**
   * Sends a request; `body` is JSON-encoded, a string is sent as is (for
   * malformed-JSON tests). `extraHeaders` override the defaults (e.g. a
   * foreign Origin, a form content type).
   */
  // Tests read many reply shapes; `any` by default keeps them short (pass T for checked access).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async request<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResponse<T> & { headers: Headers }> {
    const headers: Record<string, string> = {}
    if (this.cookie !== '') {
      headers.cookie = this.cookie
    }
    if (body !== undefined) {
      headers['content-type'] = 'application/json'
    }
    Object.assign(headers, extraHeaders)
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';')
      const [name, value] = (pair ?? '').split('=')
      if (name === 'fb_session') {
        const cleared = value === undefined || value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(setCookie)
        this.cookie = cleared ? '' : `fb_session=${value}`
      }
    }
    const text = await response.text()
    let parsed: unknown = null
    if (text !== '') {
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = text
      }
    }
    return { status: response.status, body: parsed as T, headers: response.headers }
  }
}

/** A logged-in client and its user. */
export interface LoggedIn {
  client: ApiClient
  user: User
  /** Its password, to log in again. */
  password: string
}

function expectStatus(response: ApiResponse, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`)
  }
}

/** Makes the first account (admin coach Miriam Roth by default) through /api/setup; the client is logged in. */
export async function setupAdmin(
  relay: Pick<TestRelay, 'url' | 'setupToken'>,
  overrides: Partial<{ name: string; email: string; password: string }> = {},
): Promise<LoggedIn> {
  const client = new ApiClient(relay.url)
  const password = overrides.password ?? 'miriam-passwort-1'
  const response = await client.request<{ user: User }>('POST', '/api/setup', {
    token: relay.setupToken,
    name: overrides.name ?? 'Miriam Roth',
    email: overrides.email ?? 'miriam.roth@example.org',
    password,
  })
  expectStatus(response, 201, 'setup')
  return { client, user: response.body.user, password }
}

let staffCounter = 0

/** Has an admin create a staff account (coach Tobias Brandt by default, unique e-mail) and logs it in. */
export async function createStaff(
  admin: LoggedIn,
  overrides: Partial<{ name: string; email: string; password: string; isAdmin: boolean }> = {},
): Promise<LoggedIn> {
  staffCounter += 1
  const password = overrides.password ?? 'tobias-passwort-1'
  const email = overrides.email ?? `tobias.brandt+${staffCounter}@example.org`
  const response = await admin.client.request('POST', '/api/users', {
    name: overrides.name ?? 'Tobias Brandt',
    email,
    password,
    kind: 'staff',
    isAdmin: overrides.isAdmin ?? false,
  })
  expectStatus(response, 201, 'create staff')
  return login({ url: admin.client.baseUrl }, email, password)
}

/** Logs in with e-mail and password; throws unless it works. */
export async function login(relay: Pick<TestRelay, 'url'>, email: string, password: string): Promise<LoggedIn> {
  const client = new ApiClient(relay.url)
  const response = await client.request<{ user: User }>('POST', '/api/auth/login', { email, password })
  expectStatus(response, 200, 'login')
  return { client, user: response.body.user, password }
}

/** Creates a case ("Kassenbereich Supermarkt", retention, by default); the caller becomes its coach. */
export async function createCase(client: ApiClient | LoggedIn, title = 'Kassenbereich Supermarkt'): Promise<CaseSummary> {
  const api = client instanceof ApiClient ? client : client.client
  const response = await api.request<{ case: CaseSummary }>('POST', '/api/cases', { title, type: 'retention' })
  expectStatus(response, 201, 'create case')
  return response.body.case
}

/** What the create reply of an invitation holds (the only time the token is shown). */
export interface CreatedInvitation {
  id: string
  token: string
  url: string
  role: CaseRole
  expiresAt: string
}

/** Has a coach create an invitation to a case; throws unless it works. */
export async function createInvitation(coach: ApiClient | LoggedIn, caseId: string, role: CaseRole): Promise<CreatedInvitation> {
  const api = coach instanceof ApiClient ? coach : coach.client
  const response = await api.request<{ invitation: CreatedInvitation }>('POST', `/api/cases/${caseId}/invitations`, { role })
  expectStatus(response, 201, 'create invitation')
  return response.body.invitation
}

/** A person accepting with a new external account. */
export interface NewPerson {
  name: string
  email: string
  password?: string
}

let personCounter = 0

/** Glossary defaults for a new external account per role (unique e-mail). */
function defaultPerson(role: CaseRole): NewPerson {
  personCounter += 1
  const tag = `invited${personCounter}`
  return role === 'employer'
    ? { name: 'Sabine Keller', email: `sabine.keller+${tag}@frischmarkt.example` }
    : { name: 'Jonas Weber', email: `jonas.weber+${tag}@example.org` }
}

/**
 * Invites someone to a case and accepts the invitation. An employer or
 * coachee gets a new external account (glossary person by default) and is
 * logged in; pass a logged-in account (required for `coach`) to accept as
 * that account. Returns the member's client, user and member id.
 */
export async function inviteAndAccept(
  coach: LoggedIn,
  caseId: string,
  role: CaseRole,
  person: NewPerson | LoggedIn = defaultPerson(role),
): Promise<LoggedIn & { memberId: string }> {
  const invitation = await createInvitation(coach, caseId, role)
  if ('client' in person) {
    const response = await person.client.request<{ user: User; member: Member }>('POST', `/api/invitations/${invitation.token}/accept`, {})
    expectStatus(response, 201, 'accept invitation as me')
    return { ...person, memberId: response.body.member.id }
  }
  const client = new ApiClient(coach.client.baseUrl)
  const password = person.password ?? 'extern-passwort-1'
  const response = await client.request<{ user: User; member: Member }>('POST', `/api/invitations/${invitation.token}/accept`, {
    name: person.name,
    email: person.email,
    password,
  })
  expectStatus(response, 201, 'accept invitation')
  return { client, user: response.body.user, password, memberId: response.body.member.id }
}
