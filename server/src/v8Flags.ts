/**
 * V8 settings of a relay process, set before any other module loads:
 * main.ts imports this module first.
 *
 * `--no-allocation-site-pretenuring` (issue 21, the ramp): V8 had decided
 * that the buffers `ws` makes for each received message live long (they
 * did, once, while frames queued) and allocated them in the old generation
 * from then on. A sampling heap profile of the ramp that kept what survived
 * the young-generation collections counted 66 MB in 14 s, 28 MB of it those
 * buffers, all garbage by the next full collection; with pretenuring off,
 * 36 MB. The full collections they forced fell inside steps of the ramp,
 * each a 40-90 ms stall (one run's delays by 100 ms of a step), and the
 * step failed on them: alternating runs reached 18,000 / 10,000 / 18,000 /
 * 10,000 per second without it, 22,000+ / 18,000 / 18,000 / 18,000 with it.
 */
import { setFlagsFromString } from 'node:v8'

/** The flags, as `node` would take them on its command line. */
export const RelayV8Flags: readonly string[] = ['--no-allocation-site-pretenuring']

for (const flag of RelayV8Flags) {
  setFlagsFromString(flag)
}
