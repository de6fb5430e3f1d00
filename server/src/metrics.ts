/**
 * The relay's Prometheus metrics (prom-client), rendered at GET /metrics:
 * the process and GC defaults (CPU, memory, event-loop lag, handles), the
 * relay's counters and gauges, and histograms of commit time, fan-out delay
 * and upgrade time. Each server has its own registry (tests run several in
 * one process); the process defaults are collected once per process.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/**
 * A counter or gauge that handlers change through `value` (`+= 1`, `= n`),
 * as they did with the hand-written metrics. A counter only ever grows:
 * lowering its value is ignored.
 */
export interface Metric {
  readonly name: string
  value: number
}

let processRegistry: Registry | undefined

/** Process-wide defaults (one GC observer and event-loop monitor per process, however many servers run in it). */
function defaultMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 20 })
  }
  return processRegistry
}

/** A {@link Metric} whose every assignment goes through `change` (next, previous), which says whether the value took it. */
function valueMetric(name: string, change: (next: number, previous: number) => boolean): Metric {
  let value = 0
  return {
    name,
    get value() {
      return value
    },
    set value(next: number) {
      if (change(next, value)) {
        value = next
      }
    },
  }
}

function counter(registry: Registry, name: string, help: string): Metric {
  const metric = new Counter({ name, help, registers: [registry] })
  return valueMetric(name, (next, previous) => {
    if (next <= previous) {
      return false
    }
    metric.inc(next - previous)
    return true
  })
}

function gauge(registry: Registry, name: string, help: string): Metric {
  const metric = new Gauge({ name, help, registers: [registry] })
  return valueMetric(name, (next) => {
    metric.set(next)
    return true
  })
}

/** Buckets in seconds, from a millisecond to ten seconds. */
const LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** A histogram of seconds over {@link LatencyBuckets}, in `registry`. */
function latencyHistogram<Label extends string = never>(registry: Registry, name: string, help: string, labelNames: readonly Label[] = []): Histogram<Label> {
  return new Histogram<Label>({ name, help, labelNames, buckets: LatencyBuckets, registers: [registry] })
}

/** The relay's metrics; one instance per server. */
export class Metrics {
  private readonly registry = new Registry()

  readonly openConnections = gauge(this.registry, 'fallbuch_open_connections', 'Open sync WebSocket connections.')
  readonly loadedRooms = gauge(this.registry, 'fallbuch_loaded_rooms', 'Rooms held in memory.')
  readonly committedUpdates = counter(this.registry, 'fallbuch_committed_updates_total', 'Document updates committed to storage.')
  readonly droppedReadOnlyMessages = counter(
    this.registry,
    'fallbuch_dropped_read_only_messages_total',
    'Sync step 2 / update messages dropped because the connection is read-only.',
  )
  readonly droppedAwarenessMessages = counter(
    this.registry,
    'fallbuch_dropped_awareness_messages_total',
    "Awareness entries refused because they claimed another account's client id (echoes of known states are not counted).",
  )
  readonly closedForMalformed = counter(this.registry, 'fallbuch_closed_for_malformed_total', 'Connections closed with 4400 (malformed message).')
  readonly closedForSlowReader = counter(
    this.registry,
    'fallbuch_closed_for_slow_reader_total',
    'Connections dropped because the client stopped reading (send buffer over MAX_SEND_BUFFER_BYTES).',
  )
  readonly refusedUpgrades = counter(this.registry, 'fallbuch_refused_upgrades_total', 'Sync upgrades refused by a connection or room limit (HTTP 429 / 503).')
  readonly refusedUpdates = counter(
    this.registry,
    'fallbuch_refused_updates_total',
    "Updates refused because of what they do (schema or the writer's role, contract §8.2); their connection closed with 4400.",
  )
  readonly migratedRooms = counter(this.registry, 'fallbuch_migrated_rooms_total', 'Rooms migrated to the current schema when they were loaded.')
  readonly compactions = counter(this.registry, 'fallbuch_compactions_total', 'Room logs compacted.')
  readonly remoteUpdates = counter(this.registry, 'fallbuch_remote_updates_total', 'Updates other relay processes committed, applied here from the fan-out.')
  readonly gapReads = counter(this.registry, 'fallbuch_gap_reads_total', 'Re-reads of a room log after a gap in the fan-out (lost or late messages).')
  readonly failedCommits = counter(
    this.registry,
    'fallbuch_failed_commits_total',
    'Batches of updates whose commit failed after the retries (their connections closed with 1011 and resend on reconnect).',
  )

  /** Storage errors by kind: `connection` (a lost or refused database connection), `retried` (an operation repeated after one), `refused` (given up). */
  readonly storageErrors = new Counter({
    name: 'fallbuch_storage_errors_total',
    help: 'Storage errors: kind=connection (lost or refused database connection), retried (operation repeated after one), refused (given up: 503 / 1011).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  })
  /** 1 while the database answers, 0 after a connection error until the next success. */
  readonly storageUp = gauge(this.registry, 'fallbuch_storage_up', '1 while the database answers; 0 from a connection error until the next successful operation.')
  /** 1 while both Redis connections are ready (only with REDIS_URL). */
  readonly redisUp = gauge(this.registry, 'fallbuch_redis_up', '1 while the Redis fan-out is connected (publisher and subscriber), else 0 (only with REDIS_URL).')
  readonly redisErrors = counter(this.registry, 'fallbuch_redis_errors_total', 'Redis connection errors and failed publishes.')
  /** 1 while the process drains (shutting down): /readyz answers 503. */
  readonly draining = gauge(this.registry, 'fallbuch_draining', '1 from the shutdown signal until the process exits.')

  /** Seconds from the start of a batch's commit to its end (one transaction per room and event-loop turn). */
  readonly commitSeconds = latencyHistogram(
    this.registry,
    'fallbuch_commit_seconds',
    'Time to commit one batch of updates to storage (contract §6: before it is forwarded).',
  )
  /** Seconds from another process's publish to this process's receipt of a fan-out message. */
  readonly fanoutDelaySeconds = latencyHistogram(
    this.registry,
    'fallbuch_fanout_delay_seconds',
    "Delay of committed updates from another relay process: its publish (after commit) to this process's receipt.",
  )
  /** Seconds from an upgrade request to the attached connection (or its refusal), by outcome. */
  readonly upgradeSeconds = latencyHistogram(
    this.registry,
    'fallbuch_upgrade_seconds',
    'Time from a sync upgrade request to the attached connection (result=accepted) or the refusal (result=refused).',
    ['result'] as const,
  )

  constructor() {
    this.storageUp.value = 1
  }

  /** The Prometheus text exposition: the process defaults and this server's metrics. */
  async render(): Promise<string> {
    const [own, defaults] = await Promise.all([this.registry.metrics(), defaultMetrics().metrics()])
    return `${defaults}\n${own}`
  }

  /** Content type of {@link render}. */
  get contentType(): string {
    return this.registry.contentType
  }
}
