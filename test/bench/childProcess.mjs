/**
 * The bench's child processes: starting a relay process and waiting until
 * it says it is ready, stopping it, a free loopback port, and reading a
 * process's RSS and CPU time from /proc. Every child is killed when the
 * harness exits.
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServer } from 'node:net'

const StartTimeoutMs = 30_000
const StopTimeoutMs = 15_000
/** Every child this harness started, so an abnormal exit can stop them (by pid). */
const children = new Set()
process.on('exit', () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
    }
  }
})

/** A free loopback port (the reference relay cannot be told to pick one itself). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Resident set size of a process in KiB (VmRSS in /proc/<pid>/status), or NaN. */
export function rssKiB(pid) {
  if (Array.isArray(pid)) {
    // A relay of several processes (scaled out): their sum.
    return pid.reduce((sum, one) => sum + rssKiB(one), 0)
  }
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
    return match ? Number(match[1]) : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** CPU time (user + system) a process has used so far, in seconds (from /proc/<pid>/stat), or NaN. */
export function cpuSeconds(pid) {
  if (Array.isArray(pid)) {
    return pid.reduce((sum, one) => sum + cpuSeconds(one), 0)
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / ClockTicksPerSecond
  } catch {
    return Number.NaN
  }
}

/** USER_HZ: Linux reports process times in 1/100 s on every common platform. */
const ClockTicksPerSecond = 100

/**
 * Spawns `node <entry>` and resolves once `ready(stdoutSoFar)` returns a
 * value; rejects with the child's output if it exits first or takes too long.
 */
export function spawnRelay(label, entry, env, ready, cwd) {
  return new Promise((resolve, reject) => {
    // The bench measures the embedded default: drop the scaled-out settings.
    const { DATABASE_URL: _db, DATABASE_SCHEMA: _schema, REDIS_URL: _redis, REDIS_PREFIX: _prefix, ...inherited } = process.env
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every relay process there (where the time goes).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
    // BENCH_RELAY_NODE_FLAGS='--trace-gc-nvp --max-semi-space-size=8': extra flags of every relay process (experiments).
    const flags = (process.env.BENCH_RELAY_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '')
    const child = spawn(process.execPath, [...profile, ...flags, entry], { cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let stdout = ''
    let stderr = ''
    let settled = false
    const fail = (message) => {
      if (settled) {
        return
      }
      settled = true
      clearTimeout(timer)
      if (child.exitCode === null) {
        child.kill('SIGKILL')
      }
      const output = `${stdout}${stderr}`.trim().split('\n').slice(-15).join('\n')
      reject(new Error(`${label} relay failed to start: ${message}${output ? `\n--- its output ---\n${output}` : ''}`))
    }
    const timer = setTimeout(() => fail(`not ready within ${StartTimeoutMs / 1000} s`), StartTimeoutMs)
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (!settled) {
        const value = ready(stdout)
        if (value) {
          settled = true
          clearTimeout(timer)
          resolve({ child, value, output: () => ({ stdout, stderr }) })
        }
      }
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.once('error', (err) => fail(err.message))
    child.once('exit', (code, signal) => {
      // BENCH_RELAY_OUTPUT=<dir>: each relay's whole output, e.g. the GC trace of BENCH_RELAY_NODE_FLAGS='--trace-gc'.
      if (process.env.BENCH_RELAY_OUTPUT) {
        const file = join(process.env.BENCH_RELAY_OUTPUT, `${label.replace(/[^A-Za-z0-9-]+/g, '_')}-${child.pid}.out`)
        try {
          writeFileSync(file, `${stdout}${stderr}`)
        } catch (err) {
          process.stderr.write(`could not write ${file}: ${err.message}\n`)
        }
      }
      children.delete(child)
      fail(`exited with ${signal ?? `code ${code}`}`)
    })
  })
}

/** SIGTERM, then SIGKILL if it does not exit in time. */
export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve()
      return
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), StopTimeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
