/**
 * Bringing this browser to the newest Fallbuch: the service worker (see
 * main.tsx, autoUpdate) serves the app shell from its cache, so a plain
 * reload can start the old version again. Asks for the new worker first.
 */

/** How long to wait for a new service worker before reloading anyway. */
const waitForWorkerMs = 5_000

/** Checks for a new app version, lets it take over, and reloads the page. */
export async function reloadIntoNewVersion(): Promise<void> {
  const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker
  try {
    const registration = await container?.getRegistration()
    if (registration && container) {
      const takenOver = new Promise<void>((resolve) => {
        container.addEventListener('controllerchange', () => resolve(), { once: true })
        setTimeout(resolve, waitForWorkerMs)
      })
      await registration.update()
      if (registration.installing || registration.waiting) {
        await takenOver
      }
    }
  } catch {
    // No worker, or offline: the reload below is all that can be done.
  }
  location.reload()
}
