import { describe, expect, it } from 'vitest'
import { sniffMediaType } from './sniff.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('sniffMediaType', () => {
  it('recognises PDF, PNG, JPEG and WebP by their first bytes', () => {
    expect(sniffMediaType(bytes('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf')
    expect(sniffMediaType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image/png')
    expect(sniffMediaType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1))).toBe('image/jpeg')
    expect(sniffMediaType(bytes('RIFF\u0010\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp')
  })

  it('refuses text, HTML, an SVG, a RIFF that is no WebP, and a file too short to tell', () => {
    expect(sniffMediaType(bytes('Hallo, dies ist nur Text, umbenannt zu .pdf'))).toBeNull()
    expect(sniffMediaType(bytes('<!DOCTYPE html><script>alert(1)</script>'))).toBeNull()
    expect(sniffMediaType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull()
    expect(sniffMediaType(bytes('RIFF\u0010\u0000\u0000\u0000WAVEfmt '))).toBeNull()
    expect(sniffMediaType(bytes('%PD'))).toBeNull()
    expect(sniffMediaType(new Uint8Array(0))).toBeNull()
  })

  it('does not find a PDF signature that is not at the start', () => {
    expect(sniffMediaType(bytes(' %PDF-1.4'))).toBeNull()
  })
})
