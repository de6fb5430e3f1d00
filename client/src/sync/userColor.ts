// Calm, distinguishable caret colours with enough contrast for white labels.
const palette = ['#1f6feb', '#b3261e', '#2e7d32', '#8e24aa', '#c25e00', '#00796b', '#5d4037', '#3949ab']

/** A stable caret colour for a user id. */
export function userColor(userId: string): string {
  let hash = 0
  for (let i = 0; i < userId.length; i++) {
    hash = (hash * 31 + userId.charCodeAt(i)) >>> 0
  }
  return palette[hash % palette.length] ?? '#1f6feb'
}
