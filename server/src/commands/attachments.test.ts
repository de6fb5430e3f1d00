import { createSecretKey, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openAttachmentChunk, sealAttachmentChunk } from '../crypto/atRest.js'
import { AttachmentChunkBytes, rechunk } from './attachments.js'

async function* pieces(...sizes: number[]): AsyncGenerator<Uint8Array> {
  let value = 0
  for (const size of sizes) {
    yield Uint8Array.from({ length: size }, () => value++ % 251)
  }
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const all: Buffer[] = []
  for await (const chunk of chunks) {
    all.push(chunk)
  }
  return all
}

describe('rechunk', () => {
  it('cuts pieces of any size into full chunks and a shorter last one, keeping every byte in order', async () => {
    const sizes = [1, AttachmentChunkBytes - 1, 3, 2 * AttachmentChunkBytes + 10, 7]
    const chunks = await collect(rechunk(pieces(...sizes), AttachmentChunkBytes))
    const total = sizes.reduce((sum, size) => sum + size, 0)
    expect(chunks.slice(0, -1).every((chunk) => chunk.length === AttachmentChunkBytes)).toBe(true)
    expect(Buffer.concat(chunks).equals(Buffer.from(Uint8Array.from({ length: total }, (_, index) => index % 251)))).toBe(true)
  })

  it('yields nothing for an empty body and one chunk for an exact fit', async () => {
    expect(await collect(rechunk(pieces(), 8))).toEqual([])
    expect((await collect(rechunk(pieces(8), 8))).map((chunk) => chunk.length)).toEqual([8])
  })
})

describe('sealed chunks', () => {
  const key = createSecretKey(randomBytes(32))

  it('open to the same bytes, and only at their own attachment and place', () => {
    const chunk = randomBytes(AttachmentChunkBytes)
    const sealed = sealAttachmentChunk(key, 'attachment-a', 3, chunk)
    expect(sealed.includes(chunk.subarray(0, 32))).toBe(false)
    expect(openAttachmentChunk(key, 'attachment-a', 3, sealed).equals(chunk)).toBe(true)
    // A chunk moved to another place in the file, or to another file, does not open.
    expect(() => openAttachmentChunk(key, 'attachment-a', 4, sealed)).toThrow()
    expect(() => openAttachmentChunk(key, 'attachment-b', 3, sealed)).toThrow()
  })
})
