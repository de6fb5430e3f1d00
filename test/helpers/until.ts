/** Options of {@link until}. */
export interface UntilOptions {
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number
  /** Says what was awaited, in the timeout error. */
  message?: string
  /** Poll interval (default 10 ms). */
  intervalMs?: number
}

/**
 * Polls `condition` until it returns something truthy (sync or async) and
 * resolves with that value; rejects after `timeoutMs`. Use it instead of
 * fixed sleeps.
 */
export async function until<T>(condition: () => T | Promise<T>, options: UntilOptions = {}): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 5_000
  const intervalMs = options.intervalMs ?? 10
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await condition()
      if (value) {
        return value as NonNullable<T>
      }
    } catch (err) {
      lastError = err
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : ''
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${options.message ?? 'a condition'}${detail}`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
