/**
 * Runs a room's asynchronous tasks strictly one after another: commits,
 * updates from other processes and catch-up reads share one chain, so row
 * numbers are applied in order and nothing overtakes a commit.
 */
export class TaskChain {
  private tail: Promise<void> = Promise.resolve()

  /** @param onError called with a task's failure; the chain goes on with the next task. */
  constructor(private readonly onError: (err: unknown) => void) {}

  /** Runs `task` after every task run before it. */
  run(task: () => Promise<void>): void {
    this.tail = this.tail.then(task).catch(this.onError)
  }

  /** Resolves once every task run so far has finished. */
  idle(): Promise<void> {
    return this.tail
  }
}
