#!/usr/bin/env node
// `npm run bench`: builds when needed (as `npm start` does), then runs the
// benchmark in test/bench/ (Fallbuch vs the reference relays
// @y/websocket-server and @hocuspocus/server, plus the browser scenario).
// `npm run bench -- --quick` is a smoke run under a minute; see
// test/bench/run.mjs for the options.
import { buildIfStale } from './buildIfStale.mjs'

buildIfStale('bench')
await import('../test/bench/run.mjs')
