/**
 * Bounds on every wait of the benchmark, so a run that cannot finish (a
 * relay that refuses the harness's updates, a page that never loads)
 * reports a failure instead of hanging the whole bench.
 */

/** `promise`, or a rejection with `message` after `ms` (the timer never outlives the promise). */
export function withTimeout(promise, ms, message) {
  let timer
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Runs `task()` with a deadline. On time, `abort()` is called —
 * it must end what the task waits for (stop the relay, close the browser),
 * so nothing of the run keeps going beside the next one — and the result
 * rejects with a message naming `what`.
 */
export async function runWithDeadline(what, ms, task, abort) {
  let timedOut = false
  let timer
  const deadline = new Promise((_resolve, reject) => {
    timer = setTimeout(() => {
      timedOut = true
      reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`))
    }, ms)
  })
  const running = task()
  // The abandoned run may still reject later (its relay and browser are gone): not unhandled.
  running.catch(() => {})
  try {
    return await Promise.race([running, deadline])
  } finally {
    clearTimeout(timer)
    if (timedOut) {
      await abort()
    }
  }
}
