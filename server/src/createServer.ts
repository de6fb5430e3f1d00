/**
 * Builds and starts the relay: HTTP API, static client and the sync
 * WebSocket on one port (contract §5).
 */
import fastifyCookie from '@fastify/cookie'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify'
import { randomBytes, randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { errorMessage } from '../../shared/src/errors.js'
import { AccessChanges, type AccessChange } from './access/AccessChanges.js'
import { AuthFailureLog } from './auth/authFailureLog.js'
import { LoginThrottle } from './auth/LoginThrottle.js'
import { setServiceTimeZone, systemClock, type Clock } from './clock.js'
import { startConsentSweeper } from './consent/consentSweeper.js'
import { startRetentionSweeper } from './lifecycle/retention.js'
import { startBillingSweeper } from './lifecycle/billingSweeper.js'
import { startSessionSweeper } from './auth/sessionSweeper.js'
import type { Config } from './config/loadConfig.js'
import { CaseEventHub } from './events/CaseEventHub.js'
import type { AppContext } from './http/AppContext.js'
import { registerCsrfGuard } from './http/csrfGuard.js'
import { registerSecurityHeaders } from './http/securityHeaders.js'
import { registerRequestPartValidation } from './http/validateRequestParts.js'
import { renderError } from './http/errors.js'
import { registerAgreementRoutes } from './http/routes/agreementRoutes.js'
import { registerAttachmentRoutes } from './http/routes/attachmentRoutes.js'
import { registerPoolEvidenceRoutes } from './http/routes/poolEvidenceRoutes.js'
import { registerVersionRoutes } from './http/routes/versionRoutes.js'
import { registerAuditRoutes } from './http/routes/auditRoutes.js'
import { registerAuthRoutes } from './http/routes/authRoutes.js'
import { registerCaseEventRoutes } from './http/routes/caseEventRoutes.js'
import { registerCaseRoutes } from './http/routes/caseRoutes.js'
import { registerCaseloadRoutes } from './http/routes/caseloadRoutes.js'
import { registerConsentRoutes } from './http/routes/consentRoutes.js'
import { registerReleaseRoutes } from './http/routes/releaseRoutes.js'
import { registerBillingRoutes } from './http/routes/billingRoutes.js'
import { registerFundingRoutes } from './http/routes/fundingRoutes.js'
import { registerInvoiceRoutes } from './http/routes/invoiceRoutes.js'
import { registerHoursProofRoutes } from './http/routes/hoursProofRoutes.js'
import { registerRequestRoutes } from './http/routes/requestRoutes.js'
import { registerPoolRoutes } from './http/routes/poolRoutes.js'
import { registerPoolInvitationRoutes } from './http/routes/poolInvitationRoutes.js'
import { registerFinalReportExportRoutes } from './http/routes/finalReportExportRoutes.js'
import { registerJobSearchRoutes } from './http/routes/jobSearchRoutes.js'
import { registerLifecycleRoutes } from './http/routes/lifecycleRoutes.js'
import { registerHealthRoutes } from './http/routes/healthRoutes.js'
import { registerInvitationRoutes } from './http/routes/invitationRoutes.js'
import { registerCalendarRoutes } from './http/routes/calendarRoutes.js'
import { registerMailRoutes } from './http/routes/mailRoutes.js'
import { registerMemberRoutes } from './http/routes/memberRoutes.js'
import { registerPasswordResetRoutes } from './http/routes/passwordResetRoutes.js'
import { registerRoomAuthorRoutes } from './http/routes/roomAuthorRoutes.js'
import { registerSetupRoutes } from './http/routes/setupRoutes.js'
import { registerSupervisionRoutes } from './http/routes/supervisionRoutes.js'
import { registerUserRoutes } from './http/routes/userRoutes.js'
import { registerTeamRoutes } from './http/routes/teamRoutes.js'
import { registerStatisticsRoutes } from './http/routes/statisticsRoutes.js'
import { registerStaticFiles } from './http/staticFiles.js'
import { parseTrustProxy } from './config/addresses.js'
import { clientAddress } from './http/clientAddress.js'
import { createLogger, type Logger } from './log.js'
import { startDigestSweeper } from './mail/digestSweeper.js'
import { MailOutbox, smtpTransport, type MailTransport } from './mail/MailOutbox.js'
import { Metrics } from './metrics.js'
import { Relay } from './relay/Relay.js'
import { RelayWebSocket } from './relay/RelayWebSocket.js'
import { createUpgradeHandler } from './relay/upgrade.js'
import type { Fanout } from './fanout/Fanout.js'
import { SealedFanout } from './fanout/SealedFanout.js'
import { AtRest } from './storage/AtRest.js'
import { openStorage } from './storage/openStorage.js'
import { VersionRecorder } from './versions/VersionRecorder.js'
import type { Keyring } from './crypto/Keyring.js'
import { createStorageHealth } from './health/storageHealth.js'
import type { ReadinessSources } from './health/readiness.js'

/** Options of {@link startServer}. */
export interface StartOptions {
  /** Logger to use instead of one built from the config. */
  logger?: Logger
  /** Setup token to use instead of a random one (tests). */
  setupToken?: string
  /** Now, instead of the system clock (tests move time past end dates). */
  clock?: Clock
  /** Sends mail instead of an SMTP transport built from SMTP_URL (tests); mail is on with it. */
  mailTransport?: MailTransport
}

/** A started server. */
export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  port: number
  /** `http://host:port`. */
  url: string
  /** The first-account setup token, or null when an account exists already. */
  setupToken: string | null
  /** The data keys of encryption at rest (`keyring.destroyCaseKey(caseId)` crypto-shreds a case). */
  keyring: Keyring
  /** The server's metrics (tests read histograms and gauges directly). */
  metrics: Metrics
  /**
   * Graceful stop: /readyz answers 503 at once (draining) and, after
   * SHUTDOWN_DRAIN_MS, sockets close (1001), commits finish, rooms are
   * compacted and the database closes.
   */
  close(): Promise<void>
}

/** A request id from the client or proxy (X-Request-Id) when it is short and plain, else a new one. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(header) ? header : randomUUID()
}

function installErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body, headers } = renderError(error)
    if (status >= 500) {
      logger.error({ requestId: request.id, method: request.method, route: request.routeOptions.url, error: errorMessage(error) }, 'request failed')
    }
    return reply
      .code(status)
      .headers(headers ?? {})
      .send(body)
  })
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  // Instead of fastify's request logging, which includes the raw URL (tokens
  // can sit in query strings): request id, method, route pattern, status and time only.
  app.addHook('onResponse', async (request, reply) => {
    logger.info(
      {
        requestId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? '(not found)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    )
  })
}

/**
 * Redis fan-out when REDIS_URL is set (config/storage.ts refuses it without
 * DATABASE_URL). PostgreSQL without Redis runs, but as the only process.
 */
async function connectFanout(config: Config, backend: 'sqlite' | 'postgres', logger: Logger, metrics: Metrics, keyring: Keyring): Promise<Fanout | undefined> {
  if (config.redisUrl !== undefined) {
    // Loaded only with REDIS_URL: an installation without it does not carry ioredis (about 8 MB of RSS).
    const { RedisFanout } = await import('./fanout/RedisFanout.js')
    const redis = await RedisFanout.connect({ url: config.redisUrl, prefix: config.redisPrefix, logger, metrics })
    // Room messages cross Redis sealed with the case's data key (SealedFanout.ts).
    const atRest = new AtRest(keyring)
    const fanout = new SealedFanout(redis, { cached: (room) => atRest.cachedRoomSealingKey(room), fetch: (room) => atRest.roomKey(room) }, logger)
    logger.info({ backend, processId: fanout.processId }, 'storage on PostgreSQL, fan-out through Redis: several relay processes may share this database')
    return fanout
  }
  if (backend === 'postgres') {
    // The installation's lock (taken alone) refuses any second relay process on this database.
    logger.info('storage on PostgreSQL without REDIS_URL: this is the only relay process on this database')
  }
  return undefined
}

/** Starts the server on `config.port` (0 picks a free port). */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config)
  setServiceTimeZone(config.timeZone)
  const metrics = new Metrics()
  const { storage, backend, lock } = await openStorage(config, logger, { health: createStorageHealth(metrics, logger) })
  let fanout: Fanout | undefined
  try {
    fanout = await connectFanout(config, backend, logger, metrics, storage.keyring)
  } catch (err) {
    await storage.close()
    throw err
  }
  const clock = options.clock ?? systemClock
  const versions = new VersionRecorder({ storage, logger, settleMs: config.versionSettleMs })
  const relay = new Relay({
    hooks: [versions.hook],
    clock,
    storage,
    logger,
    metrics,
    compactAfterUpdates: config.compactAfterUpdates,
    compactAfterBytes: config.compactAfterBytes,
    roomIdleMs: config.roomIdleMs,
    catchUpMs: config.fanoutCatchUpMs,
    ...(fanout ? { fanout } : {}),
  })
  versions.attach(relay)
  const events = new CaseEventHub({ storage, logger })
  // One publisher of access changes; the relay and the event streams act on
  // every change, this process's and the other processes' alike.
  const accessChanges = new AccessChanges({ logger, ...(fanout ? { fanout } : {}) })
  accessChanges.subscribe((change) => relay.access.apply(change))
  accessChanges.subscribe((change) => events.applyAccessChange(change))
  const accessChanged = (change: AccessChange): Promise<void> => accessChanges.publish(change)
  const needsSetup = (await storage.countUsers()) === 0
  const transport = options.mailTransport ?? (config.smtpUrl !== undefined ? smtpTransport(config.smtpUrl) : null)
  const mail = new MailOutbox({ storage, transport, from: config.mailFrom ?? 'Fallbuch <fallbuch@localhost>', clock, logger })
  const authFailures = new AuthFailureLog(logger, storage.keyring.masterKeys.current)
  const ctx: AppContext = {
    mail,
    authFailures,
    config,
    storage,
    keyring: storage.keyring,
    logger,
    metrics,
    relay,
    versions,
    documents: relay,
    accessChanged,
    events,
    loginThrottle: new LoginThrottle(config.loginThrottle, () => clock().getTime()),
    clock,
    setup: { token: needsSetup ? (options.setupToken ?? randomBytes(24).toString('base64url')) : null },
  }

  const trustProxy = config.trustProxy === undefined ? undefined : parseTrustProxy(config.trustProxy)
  const app = Fastify({
    // Without TRUST_PROXY, X-Forwarded-For is ignored: anyone could write it.
    ...(trustProxy ? { trustProxy } : {}),
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: (request) => requestId(request.headers['x-request-id']),
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    // Errors fastify raises before routing (a path parameter over
    // maxParamLength, a malformed URL) get the contract's JSON error shape too.
    frameworkErrors: (error, _request, reply) => {
      const { status, body } = renderError(error)
      void (reply as FastifyReply).code(status).send(body)
    },
  })
  await app.register(fastifyCookie)
  registerSecurityHeaders(app)
  installErrorHandling(app, logger)
  registerRequestPartValidation(app)
  registerCsrfGuard(app, config)
  let draining = false
  const readiness: ReadinessSources = { storage, fanout, lock, draining: () => draining }
  registerHealthRoutes(app, ctx, readiness)
  registerSetupRoutes(app, ctx)
  registerAuthRoutes(app, ctx)
  registerUserRoutes(app, ctx)
  registerCaseRoutes(app, ctx)
  registerCaseloadRoutes(app, ctx)
  registerMemberRoutes(app, ctx)
  registerInvitationRoutes(app, ctx)
  registerPasswordResetRoutes(app, ctx)
  registerRoomAuthorRoutes(app, ctx)
  registerAgreementRoutes(app, ctx)
  registerVersionRoutes(app, ctx)
  registerConsentRoutes(app, ctx)
  registerReleaseRoutes(app, ctx)
  registerBillingRoutes(app, ctx)
  registerFundingRoutes(app, ctx)
  registerInvoiceRoutes(app, ctx)
  registerHoursProofRoutes(app, ctx)
  registerRequestRoutes(app, ctx)
  registerAttachmentRoutes(app, ctx)
  registerPoolEvidenceRoutes(app, ctx)
  registerPoolRoutes(app, ctx)
  registerPoolInvitationRoutes(app, ctx)
  registerFinalReportExportRoutes(app, ctx)
  registerJobSearchRoutes(app, ctx)
  registerLifecycleRoutes(app, ctx)
  registerCaseEventRoutes(app, ctx)
  registerAuditRoutes(app, ctx)
  registerSupervisionRoutes(app, ctx)
  registerMailRoutes(app, ctx)
  registerCalendarRoutes(app, ctx)
  registerTeamRoutes(app, ctx)
  registerStatisticsRoutes(app, ctx)
  await registerStaticFiles(app, ctx)

  // maxPayload refuses an oversized message on its frame header, before it is
  // buffered; RelayWebSocket turns ws's 1009 close for it into 4413.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, WebSocket: RelayWebSocket })
  app.server.on(
    'upgrade',
    createUpgradeHandler({
      relay,
      clock,
      storage,
      logger,
      wss,
      parseCookie: (header) => app.parseCookie(header),
      publicUrl: config.publicUrl,
      lifetime: config,
      limits: config.limits,
      clientIds: storage,
      metrics,
      authFailures,
      clientAddress: (request) => clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], trustProxy),
    }),
  )
  const stopSweeper = startSessionSweeper({
    storage,
    sockets: relay,
    streams: events,
    accessChanged,
    logger,
    lifetime: config,
    intervalMs: config.sessionSweepMs,
  })
  const stopConsentSweeper = startConsentSweeper(ctx, config.consentSweepMs)
  const stopRetentionSweeper = startRetentionSweeper(ctx, config.retentionYears, config.billingRetentionYears, config.retentionSweepMs)
  const stopBillingSweeper = startBillingSweeper(ctx, config.retentionSweepMs)
  const stopOutbox = mail.start(config.mailRetryMs)

  await app.listen({ port: config.port, host: config.host })
  const port = (app.server.address() as AddressInfo).port
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  if (ctx.setup.token !== null) {
    // stdout, not the logger: the operator needs this line whatever the log level.
    process.stdout.write(`Fallbuch: create the first account at ${config.publicUrl ?? url}/setup?token=${ctx.setup.token}\n`)
  }
  logger.info({ url }, 'Fallbuch relay listening')
  const stopDigests = startDigestSweeper(ctx, {
    baseUrl: () => config.publicUrl ?? url,
    hour: config.digestHour,
    timeZone: config.timeZone,
    intervalMs: config.digestSweepMs,
  })

  let closing: Promise<void> | undefined
  return {
    port,
    url,
    setupToken: ctx.setup.token,
    keyring: storage.keyring,
    metrics,
    close() {
      closing ??= (async () => {
        draining = true
        metrics.draining.value = 1
        if (config.shutdownDrainMs > 0) {
          logger.info({ ms: config.shutdownDrainMs }, 'draining: /readyz answers 503 before connections close')
          await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs))
        }
        stopSweeper()
        stopConsentSweeper()
        stopRetentionSweeper()
        stopBillingSweeper()
        stopOutbox()
        stopDigests()
        events.closeAll()
        // Settled versions still waiting are taken while the rooms are there.
        await versions.flush()
        await relay.shutdown()
        wss.close()
        await app.close()
        await fanout?.close()
        await mail.idle()
        await storage.close()
        logger.info('Fallbuch relay stopped')
      })()
      return closing
    },
  }
}
