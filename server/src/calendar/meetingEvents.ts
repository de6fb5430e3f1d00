/**
 * Meetings as calendar events without personal data (issue 22): the title
 * names the kind of meeting and a short case reference only
 * ("Zwischengespräch – Fall 3F2A"), the description a link into Fallbuch.
 * Participants and outcomes stay in Fallbuch.
 */
import { readNotes, type Meeting } from '../../../shared/src/caseDocument/notes.js'
import type { CaseDocuments } from '../services/Services.js'
import type { IcsEvent } from './ics.js'

const KindTitles: Readonly<Record<Meeting['kind'], string>> = {
  midterm: 'Zwischengespräch',
  final: 'Abschlussgespräch',
  progress: 'Standortgespräch',
  other: 'Gespräch',
}

/** A short, non-identifying reference to a case (the first characters of its random id). */
export function caseRef(caseId: string): string {
  return caseId.slice(0, 4).toUpperCase()
}

/** The meetings recorded in a case's notes (none when they cannot be read). */
export async function meetingsOf(documents: CaseDocuments, caseId: string): Promise<Meeting[]> {
  // Read where the notes live, into plain values (as caseFacts.ts): no copy of the document.
  return await documents.readDocument({ kind: 'notes', caseId }, (doc) => {
    const notes = readNotes(doc)
    return notes.ok ? notes.value.meetings : []
  })
}

/** The calendar event of one meeting. */
export function meetingEvent(caseId: string, meeting: Pick<Meeting, 'id' | 'kind' | 'date'>, baseUrl: string, stamp: Date): IcsEvent {
  const url = `${baseUrl}/cases/${encodeURIComponent(caseId)}`
  return {
    uid: `${caseId}-${meeting.id}@fallbuch`,
    date: meeting.date,
    summary: `${KindTitles[meeting.kind]} – Fall ${caseRef(caseId)}`,
    description: `In Fallbuch öffnen: ${url}`,
    url,
    stamp,
  }
}
