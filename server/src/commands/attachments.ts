/**
 * Attachments (issue 20 point 2): storing an upload as it streams in,
 * deleting, and erasing an owner's files. An upload is checked by content
 * (its first bytes, shared/src/attachments/sniff.ts) before anything is
 * stored, cut into 64 KiB chunks that are sealed and written one by one
 * (never the whole file in memory), and counted against the size limit as
 * it arrives: over the limit, or cut off, whatever was stored goes again
 * and the attachment's key is destroyed. Who may do what is checked before
 * (shared/src/policy/attachments.ts).
 */
import type { AttachmentCategory } from '../../../shared/src/api/attachments.js'
import { SniffBytes, sniffMediaType } from '../../../shared/src/attachments/sniff.js'
import { newId } from '../ids.js'
import type { Services } from '../services/Services.js'
import type { AttachmentOwner, AttachmentRecord, AttachmentStorage, NewAttachment } from '../storage/attachments/AttachmentStorage.js'
import type { AuditRecord } from '../storage/audit/AuditStorage.js'
import { InvalidInputError, NotFoundError } from './errors.js'

/** Bytes of the file per stored chunk (each sealed on its own). */
export const AttachmentChunkBytes = 64 * 1024

/** How long an unfinished upload may sit before the sweep removes it. */
const AbandonedAfterMs = 60 * 60_000

/** The refusal of a file over the limit (413; the client names the limit in MB). */
export function attachmentTooLarge(maxBytes: number): InvalidInputError {
  return new InvalidInputError('attachmentTooLarge', `The file is larger than the limit of ${maxBytes} bytes`, { megabytes: Math.floor((maxBytes / (1024 * 1024)) * 10) / 10 })
}

/**
 * Cuts a stream of buffers of any size into chunks of exactly `size` bytes
 * (the last one shorter), holding at most one chunk.
 */
export async function* rechunk(body: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer, void, undefined> {
  let pending: Buffer[] = []
  let pendingBytes = 0
  for await (const piece of body) {
    let rest = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)
    while (pendingBytes + rest.length >= size) {
      const take = size - pendingBytes
      pending.push(rest.subarray(0, take))
      yield Buffer.concat(pending, size)
      rest = rest.subarray(take)
      pending = []
      pendingBytes = 0
    }
    if (rest.length > 0) {
      // Copied: the stream may reuse its buffer.
      pending.push(Buffer.from(rest))
      pendingBytes += rest.length
    }
  }
  if (pendingBytes > 0) {
    yield Buffer.concat(pending, pendingBytes)
  }
}

/** What an upload needs besides its bytes. */
export interface UploadInput {
  owner: AttachmentOwner
  category: AttachmentCategory
  name: string
  uploadedBy: string
  maxBytes: number
  /** The audit entries of the finished upload (case attachments), given its record. */
  audit?: (attachment: NewAttachment) => readonly AuditRecord[]
}

/**
 * Stores `body` as a new attachment and resolves with it once it is
 * complete; throws InvalidInputError `attachmentType` (nothing stored) for
 * a file that is no PDF, PNG, JPEG or WebP, `attachmentEmpty` for no bytes,
 * `attachmentTooLarge` over `maxBytes` (what was stored is removed).
 */
export async function storeAttachment(services: Services<AttachmentStorage>, input: UploadInput, body: AsyncIterable<Uint8Array>): Promise<AttachmentRecord> {
  const chunks = rechunk(body, AttachmentChunkBytes)
  const first = await chunks.next()
  if (first.done === true) {
    throw new InvalidInputError('attachmentEmpty', 'The file is empty')
  }
  // The first chunk holds SniffBytes unless the whole file is shorter, which sniffing then judges.
  const mediaType = sniffMediaType(first.value.subarray(0, SniffBytes))
  if (mediaType === null) {
    await chunks.return()
    throw new InvalidInputError('attachmentType', 'Only PDF, PNG, JPEG and WebP files can be attached (judged by their content)')
  }
  if (first.value.length > input.maxBytes) {
    await chunks.return()
    throw attachmentTooLarge(input.maxBytes)
  }
  const attachment: NewAttachment = {
    id: newId(),
    owner: input.owner,
    category: input.category,
    mediaType,
    name: input.name,
    createdAt: services.clock().toISOString(),
    createdBy: input.uploadedBy,
  }
  await services.storage.beginAttachment(attachment)
  let sizeBytes = 0
  let chunkCount = 0
  try {
    for (let chunk: IteratorResult<Buffer> = first; chunk.done !== true; chunk = await chunks.next()) {
      sizeBytes += chunk.value.length
      if (sizeBytes > input.maxBytes) {
        await chunks.return()
        throw attachmentTooLarge(input.maxBytes)
      }
      await services.storage.appendAttachmentChunk(attachment.id, chunkCount, chunk.value)
      chunkCount += 1
    }
    const completedAt = services.clock().toISOString()
    if (!(await services.storage.completeAttachment(attachment, { sizeBytes, chunkCount, completedAt }, input.audit?.(attachment) ?? []))) {
      throw new NotFoundError('attachmentNotFound', 'The attachment was erased while it was uploaded')
    }
  } catch (err) {
    await discardAttachment(services, attachment.id)
    throw err
  }
  const stored = await services.storage.findAttachment(attachment.owner, attachment.id)
  if (stored === null) {
    throw new NotFoundError('attachmentNotFound', 'The attachment was erased while it was uploaded')
  }
  services.logger.info({ attachmentId: attachment.id, ownerKind: attachment.owner.kind, category: attachment.category, sizeBytes }, 'attachment stored')
  return stored
}

/**
 * Removes an attachment for good: its key first (crypto-shredding, backups
 * included; a crash after it leaves a row nobody can open, which lists
 * skip and the next erasure removes), then its row and chunks.
 */
async function discardAttachment(services: Services<AttachmentStorage>, attachmentId: string, audit: readonly AuditRecord[] = []): Promise<boolean> {
  await services.keyring.destroyAttachmentKey(attachmentId)
  return services.storage.deleteAttachment(attachmentId, audit)
}

/** Deletes one attachment of `owner` with `audit`; NotFoundError when the owner has no such one. */
export async function deleteAttachment(services: Services<AttachmentStorage>, owner: AttachmentOwner, attachmentId: string, audit: readonly AuditRecord[] = []): Promise<void> {
  const found = await services.storage.findAttachment(owner, attachmentId)
  if (found === null || !(await discardAttachment(services, attachmentId, audit))) {
    throw new NotFoundError('attachmentNotFound', 'No such attachment')
  }
  // Ids only: the file name may say what the file is about.
  services.logger.info({ attachmentId, ownerKind: owner.kind, category: found.category }, 'attachment deleted')
}

/**
 * Destroys the keys of every attachment of `owner` (finished or not); the
 * rows go with the owner's row (ON DELETE CASCADE) or with
 * {@link eraseOwnerAttachments}. Called before a case's erasure, so no
 * backup of a file stays readable even if the process dies in between.
 */
export async function destroyAttachmentKeysOf(services: Services<Pick<AttachmentStorage, 'attachmentIdsOf'>>, owner: AttachmentOwner): Promise<number> {
  const ids = await services.storage.attachmentIdsOf(owner)
  for (const id of ids) {
    await services.keyring.destroyAttachmentKey(id)
  }
  return ids.length
}

/**
 * Erases every attachment of an owner — for a pool member's account when
 * it is erased (and when the person withdraws the application): keys
 * destroyed, rows and chunks deleted. Resolves with how many there were.
 */
export async function eraseOwnerAttachments(services: Services<AttachmentStorage>, owner: AttachmentOwner): Promise<number> {
  const ids = await services.storage.attachmentIdsOf(owner)
  for (const id of ids) {
    await discardAttachment(services, id)
  }
  if (ids.length > 0) {
    services.logger.info({ ownerKind: owner.kind, count: ids.length }, 'attachments erased with their owner')
  }
  return ids.length
}

/** Removes uploads a crash or a dropped connection left unfinished for an hour; resolves with how many. */
export async function sweepAbandonedUploads(services: Services<AttachmentStorage>): Promise<number> {
  const ids = await services.storage.abandonedUploads(new Date(services.clock().getTime() - AbandonedAfterMs).toISOString())
  for (const id of ids) {
    await discardAttachment(services, id)
  }
  return ids.length
}
