#!/usr/bin/env node
// `npm run dev`: the relay with watch (tsx) and the Vite dev server together;
// Ctrl-C or a signal stops both, and either exiting stops the other.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)

const children = [
  spawn(bin('tsx'), ['watch', 'server/src/main.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'development' } }),
  spawn(bin('vite'), [], { cwd: root, stdio: 'inherit', env: process.env }),
]

let stopping = false
function stopAll(signal = 'SIGTERM') {
  if (stopping) {
    return
  }
  stopping = true
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal)
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => stopAll(signal))
}
let remaining = children.length
let exitCode = 0
for (const child of children) {
  child.on('exit', (code) => {
    exitCode ||= code ?? 0
    stopAll()
    remaining--
    if (remaining === 0) {
      process.exit(exitCode)
    }
  })
}
