/**
 * The parts of the Swiss three-party agreement (issue 19, qualification
 * profile A6) in the measure plan: what the employer commits to, the
 * contact person in the company, pay, how colleagues are involved and
 * informed, and the kind and intensity of the coach's contacts. A root map
 * `agreementParts` of the plan room whose every value is a Y.Text
 * (contract §8.1: texts merge). The root is optional: a plan without it (or
 * with every part empty) hashes exactly as before (planContent.ts), so
 * agreements given before stay valid, and no schema version step is needed.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Limits } from '../limits.js'
import { setTextIn, textIn, textShapeIssues } from './textFields.js'

/** The plan root holding the parts. */
export const PlanAgreementPartsMap = 'agreementParts'

/** The parts, in the order the agreement lists them. */
export const AgreementPartKeys = ['employerCommitments', 'companyContact', 'pay', 'colleagues', 'coachContacts'] as const
export type AgreementPartKey = (typeof AgreementPartKeys)[number]

const PartText = z.string().max(Limits.maxShortTextLength)

/** The root's content as read (each part optional: a plan may have only some). */
export const AgreementParts = z.object(Object.fromEntries(AgreementPartKeys.map((key) => [key, PartText.optional()])) as Record<AgreementPartKey, z.ZodOptional<typeof PartText>>).strict()
export type AgreementParts = z.infer<typeof AgreementParts>

/** The root map of the parts. */
export function planAgreementParts(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(PlanAgreementPartsMap)
}

/** Every part as a string ('' when missing or not a text). */
export function readAgreementParts(doc: Y.Doc): Record<AgreementPartKey, string> {
  const map = planAgreementParts(doc)
  return Object.fromEntries(
    AgreementPartKeys.map((key) => {
      const value = map.get(key)
      return [key, value instanceof Y.Text ? value.toString() : '']
    }),
  ) as Record<AgreementPartKey, string>
}

/** Whether any part holds text (then the agreed content covers the parts). */
export function hasAgreementParts(parts: Readonly<Record<AgreementPartKey, string>>): boolean {
  return AgreementPartKeys.some((key) => parts[key].trim() !== '')
}

/** The Y.Text of one part (created empty when missing), for binding to an input. */
export function agreementPartText(doc: Y.Doc, key: AgreementPartKey): Y.Text | undefined {
  return textIn(planAgreementParts(doc), key)
}

/** Sets one part (merging, only the changed middle). */
export function setAgreementPart(doc: Y.Doc, key: AgreementPartKey, value: string): void {
  setTextIn(planAgreementParts(doc), key, value)
}

/** Issues of the root's content: a part that is no Y.Text, a key that is no part, a text over the limit. */
export function agreementPartsIssues(doc: Y.Doc): string[] {
  const map = planAgreementParts(doc)
  const issues = textShapeIssues(map, AgreementPartKeys, PlanAgreementPartsMap)
  const parsed = AgreementParts.safeParse(map.toJSON())
  if (!parsed.success) {
    issues.push(...parsed.error.issues.map((issue) => `${PlanAgreementPartsMap}.${issue.path.join('.')}: ${issue.message}`))
  }
  return issues
}
