/**
 * Child processes of tests (relays, redis-server, nginx) that never outlive
 * their test file (issue 23 point 8): each runs in its own process group
 * (so what it starts in turn goes with it), is stopped when the file ends —
 * also when a test failed or timed out — and is killed when the worker
 * exits for any reason it can still react to.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'

const running = new Set<ChildProcess>()

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return
  }
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

/** Kills what tests of the file spawned and left running; every test file runs it in an afterAll (fileHooks.ts). */
export async function stopTrackedProcesses(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child, 'SIGKILL')))
}
process.once('exit', () => {
  for (const child of running) {
    killGroup(child, 'SIGKILL')
  }
})

/** Spawns a process in its own group, stopped (group and all) when the test file ends. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true })
  running.add(child)
  child.once('exit', () => running.delete(child))
  return child
}

/**
 * Sends `signal` to the process's group and waits for the process to exit;
 * after `graceMs` the group is killed (SIGKILL).
 */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (hasExited(child)) {
    return
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  killGroup(child, signal)
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
  // What the process started itself (its group) goes too.
  killGroup(child, 'SIGKILL')
}

/** Resolves with the process's output once `pattern` appears in it; rejects when it exits or `timeoutMs` passes. */
export function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = pattern.exec(output())
      if (match !== null) {
        cleanup()
        resolve(match)
      }
    }
    const onExit = (code: number | null): void => {
      cleanup()
      reject(new Error(`process exited with ${code} before ${pattern}:\n${output()}`))
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output()}`))
    }, timeoutMs)
    const cleanup = (): void => {
      clearTimeout(timer)
      child.stdout?.off('data', check)
      child.stderr?.off('data', check)
      child.off('exit', onExit)
    }
    child.stdout?.on('data', check)
    child.stderr?.on('data', check)
    child.once('exit', onExit)
    check()
  })
}
