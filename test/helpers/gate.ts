/** A step held in flight until the test opens the gate (a slow disk, a compaction still running). */
export interface Gate {
  /** Resolves once {@link Gate.open} was called. */
  readonly opened: Promise<void>
  open(): void
}

export function gate(): Gate {
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open }
}
