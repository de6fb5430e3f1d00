/** Runs `task` over `items` with at most `limit` tasks at a time; resolves when all settled (failures are the task's business). */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>, isCancelled: () => boolean = () => false): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length && !isCancelled()) {
      const item = items[next++] as T
      try {
        await task(item)
      } catch {
        // One case failing does not stop the others.
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
}
