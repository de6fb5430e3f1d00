/**
 * V8 settings of a relay process, set before any other module loads:
 * main.ts imports this module first.
 *
 * `--no-allocation-site-pretenuring` (issue 21, the ramp): V8 had
 * pretenured the buffers `ws` makes for each received message (their
 * allocation sites had once shown a high survival rate, though
 * Connection.receive copies every frame at once), so each was made in the
 * old generation and stayed there until the next full collection. A
 * sampling heap profile of the ramp that kept what survived the
 * young-generation collections counted 66 MB in 14 s, 28 MB of it those
 * buffers; with pretenuring off, 27-36 MB and none of them. The full
 * collections they forced fell inside steps of the ramp, in the 100 ms
 * windows whose deliveries were late by up to 40-90 ms, and the step
 * failed on them: alternating with the build before, the highest
 * sustained rate was 10,000 / 10,000 / 10,000 / 18,000 per second
 * without this, 15,000 / 18,000 / 22,000 / 18,000 with it. Flags that size the heap (`--max-semi-space-size`) are fixed when
 * the process starts and cannot be set here.
 */
import { setFlagsFromString } from 'node:v8'

/** The flags, as `node` would take them on its command line. */
export const RelayV8Flags: readonly string[] = ['--no-allocation-site-pretenuring']

for (const flag of RelayV8Flags) {
  setFlagsFromString(flag)
}
