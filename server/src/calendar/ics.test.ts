import { describe, expect, it } from 'vitest'
import { escapeText, foldLine, writeCalendar } from './ics.js'
import { caseRef, meetingEvent } from './meetingEvents.js'

describe('iCalendar writer', () => {
  it('escapes TEXT values (RFC 5545 §3.3.11)', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf')
  })

  it('folds at 75 octets without splitting a UTF-8 character; unfolding restores the line', () => {
    const line = `DESCRIPTION:${'ä'.repeat(60)}${'x'.repeat(50)}`
    const folded = foldLine(line)
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75)
      expect(part).not.toContain('\uFFFD')
    }
    expect(folded.split('\r\n').slice(1).every((part) => part.startsWith(' '))).toBe(true)
    expect(folded.replace(/\r\n /g, '')).toBe(line)
    expect(foldLine('SHORT:x')).toBe('SHORT:x')
  })

  it('writes all-day VEVENTs with CRLF line ends', () => {
    const stamp = new Date('2026-03-01T08:09:10.123Z')
    const ics = writeCalendar('Fallbuch; Test', [
      { uid: 'u1@fallbuch', date: '2026-12-31', summary: 'Gespräch, kurz', description: 'Zeile 1\nZeile 2', url: 'https://fb.example/cases/x', stamp },
    ])
    const lines = ics.split('\r\n')
    expect(lines).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Fallbuch//Fallbuch//DE',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Fallbuch\\; Test',
      'BEGIN:VEVENT',
      'UID:u1@fallbuch',
      'DTSTAMP:20260301T080910Z',
      'DTSTART;VALUE=DATE:20261231',
      'DTEND;VALUE=DATE:20270101',
      'SUMMARY:Gespräch\\, kurz',
      'DESCRIPTION:Zeile 1\\nZeile 2',
      'URL:https://fb.example/cases/x',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ])
  })

  it('a meeting event names the kind and a case reference only', () => {
    const event = meetingEvent('3f2aXYZ0000000000000aa', { id: 'm1', kind: 'final', date: '2026-06-01' }, 'https://fb.example', new Date())
    expect(event.summary).toBe('Abschlussgespräch – Fall 3F2A')
    expect(caseRef('3f2aXYZ')).toBe('3F2A')
    expect(event.description).toBe('In Fallbuch öffnen: https://fb.example/cases/3f2aXYZ0000000000000aa')
    expect(event.uid).toBe('3f2aXYZ0000000000000aa-m1@fallbuch')
  })
})
