// Finds the Chromium the end-to-end tests drive (Debian's package by default).
import { existsSync } from 'node:fs'

/** How to get a Chromium when none is found. */
export const chromiumInstallHint =
  'install Debian\'s Chromium with `sudo apt-get update && sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.'

/** Path of the Chromium binary, or null when there is none. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  return candidates.find((path) => path !== undefined && path !== '' && existsSync(path)) ?? null
}
