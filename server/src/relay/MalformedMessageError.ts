/** Thrown by a message handler when a frame cannot be decoded; the connection is closed with 4400. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError'
}

/** Runs a decoding step; any throw becomes a {@link MalformedMessageError}. */
export function decodeOrReject<T>(what: string, decode: () => T): T {
  try {
    return decode()
  } catch {
    throw new MalformedMessageError(`could not decode ${what}`)
  }
}
