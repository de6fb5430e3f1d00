import { describe, expect, it } from 'vitest'
import { AckTracker } from './ackTracker.js'

describe('AckTracker', () => {
  it('acknowledges local updates only when the step 2 answering a later probe arrives', () => {
    const tracker = new AckTracker()
    tracker.noteConnectionOpening()
    tracker.noteLocalUpdate()
    tracker.noteLocalUpdate()
    expect(tracker.pending).toBe(2)
    tracker.noteProbeSent()
    expect(tracker.pending).toBe(2)
    // The first step 2 answers the provider's own step 1 from connect time.
    tracker.noteStep2Received()
    expect(tracker.pending).toBe(2)
    tracker.noteStep2Received()
    expect(tracker.pending).toBe(0)
  })

  it('keeps edits made after the probe pending', () => {
    const tracker = new AckTracker()
    tracker.noteConnectionOpening()
    tracker.noteStep2Received()
    tracker.noteLocalUpdate()
    tracker.noteProbeSent()
    tracker.noteLocalUpdate()
    tracker.noteStep2Received()
    expect(tracker.pending).toBe(1)
    expect(tracker.needsProbe).toBe(true)
  })

  it('forgets probes of a closed connection', () => {
    const tracker = new AckTracker()
    tracker.noteConnectionOpening()
    tracker.noteStep2Received()
    tracker.noteLocalUpdate()
    tracker.noteProbeSent()
    tracker.noteConnectionClosed()
    tracker.noteConnectionOpening()
    tracker.noteStep2Received() // the new connection's handshake answer
    expect(tracker.pending).toBe(1)
  })

  it('counts changes restored from an earlier session as pending until a probe is answered', () => {
    const tracker = new AckTracker(1)
    expect(tracker.pending).toBe(1)
    tracker.noteConnectionOpening()
    tracker.noteStep2Received()
    expect(tracker.pending).toBe(1)
    tracker.noteProbeSent()
    tracker.noteStep2Received()
    expect(tracker.pending).toBe(0)
  })

  it('notifies subscribers on changes', () => {
    const tracker = new AckTracker()
    let calls = 0
    const unsubscribe = tracker.subscribe(() => calls++)
    tracker.noteLocalUpdate()
    unsubscribe()
    tracker.noteLocalUpdate()
    expect(calls).toBe(1)
  })
})
