/**
 * A reader of the case event stream (`GET /api/cases/:id/events`) for
 * tests: collects the `case-changed` events and tells when the server ended
 * the stream. Aborted after each test.
 */

const open: AbortController[] = []

/** Aborts the test's event streams; every test file runs it after each test (test/helpers/fileHooks.ts). */
export function abortEventStreams(): void {
  for (const controller of open.splice(0)) {
    controller.abort()
  }
}

/** An open event stream. */
export interface EventStream {
  /** HTTP status and content type of the answer. */
  status: number
  contentType: string | null
  /** The `what` of every `case-changed` event so far. */
  events: string[]
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  /** Whether the server ended it. */
  isEnded(): boolean
}

/** Opens the event stream of a case with a session cookie; resolves once the answer's headers are in. */
export async function openEventStream(baseUrl: string, caseId: string, cookie: string): Promise<EventStream> {
  const controller = new AbortController()
  open.push(controller)
  const response = await fetch(new URL(`/api/cases/${caseId}/events`, baseUrl), {
    headers: cookie === '' ? {} : { cookie },
    signal: controller.signal,
  })
  const events: string[] = []
  let ended = false
  const stream: EventStream = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    ended: Promise.resolve(),
    isEnded: () => ended,
  }
  if (!response.body) {
    ended = true
    return stream
  }
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  stream.ended = (async () => {
    let buffer = ''
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) {
          break
        }
        buffer += decoder.decode(value, { stream: true })
        let boundary = buffer.indexOf('\n\n')
        while (boundary >= 0) {
          const block = buffer.slice(0, boundary)
          buffer = buffer.slice(boundary + 2)
          const lines = block.split('\n')
          const name = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length)
          const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length)
          if (name === 'case-changed' && data !== undefined) {
            events.push((JSON.parse(data) as { what: string }).what)
          }
          boundary = buffer.indexOf('\n\n')
        }
      }
    } catch {
      // Aborted by the test's cleanup.
    }
    ended = true
  })()
  return stream
}
