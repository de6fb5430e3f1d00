/**
 * What the case screen loads over HTTP besides the case's documents, and which
 * of it a `case-changed` event (shared/src/api/caseEvents.ts) makes stale: the
 * one table the screen's reloads follow.
 */
import type { CaseChange } from '../../../hooks/useCaseEvents.js'

/** The resources of the case screen that the server changes and tells about. */
export const CaseResources = ['detail', 'consents', 'releases', 'agreements', 'invitations', 'funding', 'hoursProof'] as const
export type CaseResource = (typeof CaseResources)[number]

/**
 * Case event → resources to load again. The detail carries the members and the
 * rooms the caller may open, so a grant, revocation or lapse (`consents`,
 * `access`) reloads it too; a member who joins or leaves changes every list
 * that names members. Releases from confidentiality change with `consents`
 * events (the server tells of both as one). `all` follows a reconnect of the stream, when events may
 * have been missed.
 */
export const reloadsOnCaseChange: Readonly<Record<CaseChange, readonly CaseResource[]>> = {
  case: ['detail'],
  members: ['detail', 'consents', 'releases', 'agreements', 'invitations'],
  access: ['detail', 'consents'],
  consents: ['detail', 'consents', 'releases'],
  agreements: ['agreements'],
  invitations: ['invitations'],
  funding: ['funding'],
  hoursProof: ['hoursProof'],
  all: CaseResources,
}

/** How often each resource was asked to load again; a loader re-runs when its entry moves. */
export type ResourceGenerations = Readonly<Record<CaseResource, number>>

/** Every resource at generation 0. */
export const initialGenerations: ResourceGenerations = { detail: 0, consents: 0, releases: 0, agreements: 0, invitations: 0, funding: 0, hoursProof: 0 }

/** The generations after asking `resources` to load again. */
export function nextGenerations(generations: ResourceGenerations, resources: readonly CaseResource[]): ResourceGenerations {
  if (resources.length === 0) {
    return generations
  }
  const next = { ...generations }
  for (const resource of resources) {
    next[resource]++
  }
  return next
}
