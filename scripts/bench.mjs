#!/usr/bin/env node
// `npm run bench`: builds when needed (as `npm start` does), then runs the
// relay benchmark in test/bench/ (Fallbuch vs the reference
// @y/websocket-server). BENCH_QUICK=1 for a short smoke run; see
// test/bench/run.mjs.
import { buildIfStale } from './buildIfStale.mjs'

buildIfStale('bench')
await import('../test/bench/run.mjs')
