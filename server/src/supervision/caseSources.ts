/**
 * What the anonymiser reads of a case, for a supervision copy and for a
 * final report for the pool alike: detached replicas of the plan, the notes
 * and the profile as committed through the relay (never the confidential
 * fields), the members, the coaches' extra identifiers and the application
 * log with its directory employers' contact names. One reader, so the two
 * anonymised outputs always know the same identifiers of a case.
 */
import * as Y from 'yjs'
import type { ExtraIdentifier } from '../../../shared/src/anonymise/index.js'
import type { JobSearchSource } from '../../../shared/src/anonymise/placementCopy.js'
import { readSupervisionIdentifiers, toExtraIdentifiers } from '../../../shared/src/caseDocument/supervisionIdentifiers.js'
import type { RoomName } from '../../../shared/src/protocol/roomName.js'
import type { Services } from '../services/Services.js'
import type { EmployerDirectoryStorage, JobSearchStorage } from '../storage/jobSearch/JobSearchStorage.js'
import type { MemberStorage } from '../storage/members/MemberStorage.js'
import { detachedDoc } from '../../../shared/src/caseDocument/detachedDoc.js'

/** The storage ports reading a case's sources needs. */
export type CaseSourceStorage = MemberStorage & JobSearchStorage & EmployerDirectoryStorage

/** Where the sources are read from: storage and the relay's committed documents. */
export type CaseSourceServices = Pick<Services<CaseSourceStorage>, 'storage' | 'documents'>

/** A case's sources, the documents valid only inside {@link withCaseSources}'s callback. */
export interface CaseSources {
  plan: Y.Doc
  notes: Y.Doc
  profile: Y.Doc
  members: Array<{ name: string; email: string }>
  extraIdentifiers: ExtraIdentifier[]
  jobSearch: JobSearchSource[]
}

/** A detached replica of a room's committed state (the anonymiser reads its current content only). */
async function replicaOf(sources: CaseSourceServices, room: RoomName): Promise<Y.Doc> {
  const state = await sources.documents.readDocument(room, (doc) => Y.encodeStateAsUpdate(doc))
  const replica = detachedDoc()
  Y.applyUpdate(replica, state)
  return replica
}

/**
 * The case's application and contact log as the anonymiser takes it: each
 * entry with the names of its directory employer's contacts, so that they
 * are replaced wherever the case writes them.
 */
async function jobSearchOf(sources: CaseSourceServices, caseId: string): Promise<JobSearchSource[]> {
  const entries = await sources.storage.listJobSearchEntries(caseId)
  const employerIds = [...new Set(entries.flatMap((entry) => (entry.employerId === null ? [] : [entry.employerId])))]
  const employers = await Promise.all(employerIds.map((id) => sources.storage.findEmployer(id)))
  const contacts = new Map(employers.flatMap((employer) => (employer ? [[employer.id, employer.contacts.map((contact) => contact.name)] as const] : [])))
  return entries.map((entry) => ({ ...entry, directoryContacts: entry.employerId === null ? [] : (contacts.get(entry.employerId) ?? []) }))
}

/** Reads the case's sources, hands them to `use`, and destroys the replicas afterwards. */
export async function withCaseSources<T>(sources: CaseSourceServices, caseId: string, use: (read: CaseSources) => T): Promise<T> {
  const [plan, notes, profile, members, jobSearch] = await Promise.all([
    replicaOf(sources, { kind: 'plan', caseId }),
    replicaOf(sources, { kind: 'notes', caseId }),
    replicaOf(sources, { kind: 'profile', caseId }),
    sources.storage.listMembers(caseId),
    jobSearchOf(sources, caseId),
  ])
  try {
    return use({
      plan,
      notes,
      profile,
      members: members.map((member) => ({ name: member.name, email: member.email })),
      extraIdentifiers: toExtraIdentifiers(readSupervisionIdentifiers(notes)),
      jobSearch,
    })
  } finally {
    plan.destroy()
    notes.destroy()
    profile.destroy()
  }
}
