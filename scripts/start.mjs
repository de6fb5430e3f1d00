#!/usr/bin/env node
// `npm start`: builds client and server when needed, then runs the relay on
// the embedded default (SQLite).
import { spawn } from 'node:child_process'
import { buildIfStale, root, serverEntry } from './buildIfStale.mjs'

buildIfStale('Fallbuch')
const server = spawn(process.execPath, [serverEntry], { cwd: root, stdio: 'inherit', env: process.env })
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal))
}
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 0 : 1))
})
