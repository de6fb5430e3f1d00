/**
 * What a file is, by its first bytes (magic numbers), never by its name or
 * the type a browser guessed: a text file renamed to .pdf is refused. The
 * server decides with this before it stores a byte; the client uses the same
 * check to say "wrong type" before an upload starts.
 */

/** The media types an attachment may have (PDF and images). */
export const AttachmentMediaTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const
export type AttachmentMediaType = (typeof AttachmentMediaTypes)[number]

/** Bytes the sniffer needs to decide (WebP's RIFF header is the longest: 12). */
export const SniffBytes = 12

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + prefix.length && prefix.every((byte, index) => bytes[offset + index] === byte)
}

const Pdf = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const Png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const Jpeg = [0xff, 0xd8, 0xff]
const Riff = [0x52, 0x49, 0x46, 0x46] // RIFF
const Webp = [0x57, 0x45, 0x42, 0x50] // WEBP at offset 8

/** The media type of a file that starts with `head` (at least {@link SniffBytes} of it when the file has that many), or null. */
export function sniffMediaType(head: Uint8Array): AttachmentMediaType | null {
  if (startsWith(head, Pdf)) {
    return 'application/pdf'
  }
  if (startsWith(head, Png)) {
    return 'image/png'
  }
  if (startsWith(head, Jpeg)) {
    return 'image/jpeg'
  }
  if (startsWith(head, Riff) && startsWith(head, Webp, 8)) {
    return 'image/webp'
  }
  return null
}

/** The file name extension a download gets for its type (the stored name may lack or lie about one). */
export const extensionOf: Readonly<Record<AttachmentMediaType, string>> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
}
