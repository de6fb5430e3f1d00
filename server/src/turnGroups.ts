/**
 * The scheduling shared by the group commit (relay/room/GroupCommit.ts) and
 * the grouped client-id binds (storage/rooms/ClientIdBindGroup.ts): work
 * handed over during one event-loop turn is written as one group, from an
 * immediate (all rooms' queues hand over in the same check phase), and one
 * group runs at a time. Work handed over while a group runs waits and forms
 * the next group, so groups grow with the load.
 */
export class TurnGroups {
  private scheduled = false
  private running = false

  constructor(
    /** Takes what is waiting and writes it as one group. */
    private readonly writeGroup: () => Promise<void>,
    /** Whether anything waits for a group. */
    private readonly waiting: () => boolean,
  ) {}

  /** Work was handed over: a group is written after this turn, or after the running one. */
  request(): void {
    if (!this.scheduled && !this.running && this.waiting()) {
      this.scheduled = true
      setImmediate(() => void this.run())
    }
  }

  private async run(): Promise<void> {
    this.scheduled = false
    this.running = true
    try {
      await this.writeGroup()
    } finally {
      this.running = false
      this.request()
    }
  }
}
