/**
 * Hand-written Prometheus metrics: a few counters and gauges, rendered in the
 * text exposition format at GET /metrics.
 */

/** One counter or gauge; handlers change `value` directly. */
export interface Metric {
  readonly name: string
  readonly help: string
  readonly type: 'counter' | 'gauge'
  value: number
}

function metric(name: string, type: Metric['type'], help: string): Metric {
  return { name, type, help, value: 0 }
}

/** The relay's metrics; one instance per server. */
export class Metrics {
  readonly openConnections = metric('fallbuch_open_connections', 'gauge', 'Open sync WebSocket connections.')
  readonly loadedRooms = metric('fallbuch_loaded_rooms', 'gauge', 'Rooms held in memory.')
  readonly committedUpdates = metric('fallbuch_committed_updates_total', 'counter', 'Document updates committed to storage.')
  readonly droppedReadOnlyMessages = metric(
    'fallbuch_dropped_read_only_messages_total',
    'counter',
    'Sync step 2 / update messages dropped because the connection is read-only.',
  )
  readonly droppedAwarenessMessages = metric(
    'fallbuch_dropped_awareness_messages_total',
    'counter',
    "Awareness entries refused because they claimed another account's client id (echoes of known states are not counted).",
  )
  readonly closedForMalformed = metric('fallbuch_closed_for_malformed_total', 'counter', 'Connections closed with 4400 (malformed message).')
  readonly closedForSlowReader = metric(
    'fallbuch_closed_for_slow_reader_total',
    'counter',
    'Connections dropped because the client stopped reading (send buffer over MAX_SEND_BUFFER_BYTES).',
  )
  readonly refusedUpgrades = metric(
    'fallbuch_refused_upgrades_total',
    'counter',
    'Sync upgrades refused by a connection or room limit (HTTP 429 / 503).',
  )
  readonly refusedUpdates = metric(
    'fallbuch_refused_updates_total',
    'counter',
    "Updates refused because of what they do (schema or the writer's role, contract §8.2); their connection closed with 4400.",
  )
  readonly migratedRooms = metric('fallbuch_migrated_rooms_total', 'counter', 'Rooms migrated to the current schema when they were loaded.')
  readonly compactions = metric('fallbuch_compactions_total', 'counter', 'Room logs compacted.')
  readonly remoteUpdates = metric('fallbuch_remote_updates_total', 'counter', 'Updates other relay processes committed, applied here from the fan-out.')
  readonly gapReads = metric('fallbuch_gap_reads_total', 'counter', 'Re-reads of a room log after a gap in the fan-out (lost or late messages).')

  /** The Prometheus text exposition of every metric. */
  render(): string {
    const all = [
      this.openConnections,
      this.loadedRooms,
      this.committedUpdates,
      this.droppedReadOnlyMessages,
      this.droppedAwarenessMessages,
      this.closedForMalformed,
      this.closedForSlowReader,
      this.refusedUpgrades,
      this.refusedUpdates,
      this.migratedRooms,
      this.compactions,
      this.remoteUpdates,
      this.gapReads,
    ]
    return `${all.flatMap((m) => [`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`, `${m.name} ${m.value}`]).join('\n')}\n`
  }
}
