/**
 * Builds a supervision copy of a case (contract §7, issue 6): reads the plan,
 * the notes and the profile as committed through the relay and the case's
 * application and contact log from its sealed table (issue 19), runs the
 * shared anonymiser with the case's members and the coaches' extra
 * identifiers, and returns the
 * copy's one room update — `Y.encodeStateAsUpdate` of the NEW document the
 * anonymiser wrote from plain content, never anything derived from the
 * source's updates — with the legend and the replacements for the author
 * (never stored).
 */
import * as Y from 'yjs'
import { anonymiseCase, type LegendEntry, type Replacement } from '../../../shared/src/anonymise/index.js'
import type { JobSearchSource } from '../../../shared/src/anonymise/placementCopy.js'
import { readSupervisionIdentifiers, toExtraIdentifiers } from '../../../shared/src/caseDocument/supervisionIdentifiers.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { Services } from '../services/Services.js'
import type { CaseRecord } from '../storage/cases/CaseStorage.js'
import type { EmployerDirectoryStorage, JobSearchStorage } from '../storage/jobSearch/JobSearchStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'

/** The storage ports building a copy reads. */
export type CopyStorage = MemberStorage & JobSearchStorage & EmployerDirectoryStorage

/** What building a copy reads: the case's members, its job search and its committed documents. */
export type CopySources = Pick<Services<CopyStorage>, 'storage' | 'documents'>

/** A built copy, not yet stored. */
export interface BuiltCopy {
  /** The copy room's only update. */
  update: Uint8Array
  /** The anonymised title, for lists. */
  title: string
  legend: LegendEntry[]
  replacements: Replacement[]
}

/** A detached replica of a room's committed state (the anonymiser reads its current content only). */
async function replicaOf(sources: CopySources, room: RoomName): Promise<Y.Doc> {
  const state = await sources.documents.readDocument(room, (doc) => Y.encodeStateAsUpdate(doc))
  const replica = new Y.Doc()
  Y.applyUpdate(replica, state)
  return replica
}

/**
 * The case's application and contact log as the anonymiser takes it: each
 * entry with the names of its directory employer's contacts, so that they
 * are replaced wherever the case writes them.
 */
async function jobSearchOf(sources: CopySources, caseId: string): Promise<JobSearchSource[]> {
  const entries = await sources.storage.listJobSearchEntries(caseId)
  const employerIds = [...new Set(entries.flatMap((entry) => (entry.employerId === null ? [] : [entry.employerId])))]
  const employers = await Promise.all(employerIds.map((id) => sources.storage.findEmployer(id)))
  const contacts = new Map(employers.flatMap((employer) => (employer ? [[employer.id, employer.contacts.map((contact) => contact.name)] as const] : [])))
  return entries.map((entry) => ({ ...entry, directoryContacts: entry.employerId === null ? [] : (contacts.get(entry.employerId) ?? []) }))
}

/** Anonymises the case's plan, notes, occupational profile and job search with `redactions`. */
export async function buildSupervisionCopy(sources: CopySources, caseRecord: CaseRecord, redactions: readonly string[]): Promise<BuiltCopy> {
  const [plan, notes, profile, members, jobSearch] = await Promise.all([
    replicaOf(sources, { kind: 'plan', caseId: caseRecord.id }),
    replicaOf(sources, { kind: 'notes', caseId: caseRecord.id }),
    replicaOf(sources, { kind: 'profile', caseId: caseRecord.id }),
    sources.storage.listMembers(caseRecord.id),
    jobSearchOf(sources, caseRecord.id),
  ])
  try {
    const copy = anonymiseCase(plan, notes, {
      members: members.map((member) => ({ name: member.name, email: member.email })),
      extraIdentifiers: toExtraIdentifiers(readSupervisionIdentifiers(notes)),
      redactions,
      caseType: caseRecord.type,
      profile,
      jobSearch,
    })
    const update = Y.encodeStateAsUpdate(copy.doc)
    copy.doc.destroy()
    return { update, title: copy.content.meta.title, legend: copy.legend, replacements: copy.replacements }
  } finally {
    plan.destroy()
    notes.destroy()
    profile.destroy()
  }
}
