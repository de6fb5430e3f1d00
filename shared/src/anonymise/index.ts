/**
 * The anonymiser of supervision copies (contract §7). Start at
 * {@link anonymiseCase}; the copy's schema and reader are in
 * `caseDocument/supervisionCopy.ts`.
 */
export {
  anonymiseCase,
  anonymiseCaseContent,
  type AnonymiseCaseOptions,
  type AnonymisedCase,
  type AnonymisedContent,
  type Replacement,
  type ReplacementLocation,
} from './anonymiseCase.js'
export type { CaseMember, ExtraIdentifier, ExtraIdentifierKind } from './identifiers.js'
export { PlaceholderLabels, RedactionPlaceholder, UndatedPlaceholder, type LegendEntry } from './placeholders.js'
export { weekOfCase, weekOfIsoDate, weekRangeLabel } from './relativeDates.js'
export { otherPeopleReplacer, type OtherPeopleReplacer } from './otherPeople.js'
