import { useEffect, useRef } from 'react'
import { CaseChangedEvent, CaseChangedEventName } from '../../../shared/src/api/caseEvents.js'
import { caseEventsUrl } from '../api/endpoints.js'

/** What a case-changed event (or a reconnect of the stream) asks the screen to re-read. */
export type CaseChange = CaseChangedEvent['what'] | 'all'

/**
 * Listens to the case's server-sent event stream while `enabled`: calls
 * `onChange` with what changed. After the stream reconnects (events may have
 * been missed) it calls `onChange('all')`. EventSource reconnects by itself;
 * offline it fails quietly.
 */
export function useCaseEvents(caseId: string, enabled: boolean, onChange: (what: CaseChange) => void): void {
  const onChangeRef = useRef(onChange)
  useEffect(() => {
    onChangeRef.current = onChange
  }, [onChange])

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') {
      return undefined
    }
    const source = new EventSource(caseEventsUrl(caseId))
    let opens = 0
    const handleOpen = (): void => {
      opens++
      if (opens > 1) {
        onChangeRef.current('all')
      }
    }
    const handleChanged = (event: MessageEvent): void => {
      let what: CaseChange = 'all'
      try {
        const parsed = CaseChangedEvent.safeParse(JSON.parse(String(event.data)))
        if (parsed.success) {
          what = parsed.data.what
        }
      } catch {
        // Not JSON: re-read everything.
      }
      onChangeRef.current(what)
    }
    source.addEventListener('open', handleOpen)
    source.addEventListener(CaseChangedEventName, handleChanged)
    return () => {
      source.removeEventListener('open', handleOpen)
      source.removeEventListener(CaseChangedEventName, handleChanged)
      source.close()
    }
  }, [caseId, enabled])
}
