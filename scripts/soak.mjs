#!/usr/bin/env node
// `npm run bench:soak`: builds when needed (as `npm run bench` does), then
// runs the busy-hour soak in test/bench/soak.mjs (a few minutes; not part of
// npm test). See that file for its settings.
import { buildIfStale } from './buildIfStale.mjs'

buildIfStale('bench:soak')
await import('../test/bench/soak.mjs')
