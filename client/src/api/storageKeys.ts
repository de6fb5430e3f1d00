/** The app's localStorage entries, found and removed by key (the caches and flags keep one key per entry). */

/** Every localStorage key for which `match` holds. */
export function storageKeys(match: (key: string) => boolean): string[] {
  const keys: string[] = []
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)
    if (key !== null && match(key)) {
      keys.push(key)
    }
  }
  return keys
}

/** Removes every localStorage entry whose key `match` accepts (collected first: removing shifts the indices). */
export function removeStorageKeys(match: (key: string) => boolean): void {
  for (const key of storageKeys(match)) {
    localStorage.removeItem(key)
  }
}
