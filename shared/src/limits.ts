/**
 * Limits of user input: the one place their numbers are written. The zod
 * schemas (API bodies, case documents) and the forms' `maxLength` read them
 * from here, so both sides agree; lint refuses a numeric `maxLength` or an API
 * schema's `.max(<number>)`.
 */
export const Limits = {
  /** A case title. */
  maxTitleLength: 200,
  /** A person's display name. */
  maxNameLength: 120,
  maxEmailLength: 254,
  minPasswordLength: 10,
  maxPasswordLength: 256,
  /** A part-time share (Stellenanteil) in whole percent (issue 22). */
  maxStaffSharePercent: 100,
  /** The years the annual statistics can be asked for. */
  minStatisticsYear: 2000,
  maxStatisticsYear: 2100,
  /** The one-time setup token printed at first start. */
  maxSetupTokenLength: 200,
  /** A short free text: a goal's SMART fields, a phase review's note, a meeting's participants. */
  maxShortTextLength: 2_000,
  /** The case outcome's "how" and "why". */
  maxOutcomeTextLength: 5_000,
  /** A tandem comment or reply. */
  maxCommentLength: 5_000,
  /** The activity of an hours entry. */
  maxHoursActivityLength: 500,
  /** Where an hours entry's work took place (issue 18). */
  maxHoursPlaceLength: 200,
  maxHoursBudget: 10_000,
  maxGoals: 100,
  maxParticipants: 100,
  /** Documented returns to an earlier phase, per case. */
  maxPhaseReturns: 100,
  /** The purpose a consent grant names. */
  maxConsentPurposeLength: 1_000,
  /** A release from confidentiality's names and purpose (issue 16). */
  maxReleaseTextLength: 500,
  /** A supervision group's name. */
  maxGroupNameLength: 200,
  /** A coach's extra identifier for the anonymiser (a nickname, a town): at least two characters, so it cannot match everywhere. */
  minIdentifierLength: 2,
  maxIdentifierLength: 200,
  /** One text the reviewing coach marks for redaction. */
  maxRedactionLength: 500,
  /** Redaction texts one request may add. */
  maxRedactionTexts: 50,
  /** Redaction texts a copy may accumulate. */
  maxRedactionTotal: 500,
  /** A funding body's name, a file number (Aktenzeichen), a referring body, an approval's reference (issue 18). */
  maxFundingNameLength: 200,
  /** A funding body's address or contact, an approval's note. */
  maxFundingTextLength: 1_000,
  /** Hours of one approval record. */
  maxApprovalHours: 10_000,
  /** A rate per hour in cents (a flat fee is no rate here). */
  maxRateCents: 100_000,
  /** Funding bodies in the directory. */
  maxFundingBodies: 500,
  /** An invoice draft's digest (hex SHA-256) as the issue request echoes it. */
  maxInvoiceDigestLength: 128,
  /** A request's short reason, a decline's reason or referral, a feasibility check's reasons (issue 19). */
  maxRequestTextLength: 1_000,
  /** Requests listed at once (open, accepted and declined together). */
  maxRequests: 2_000,
  /** Feasibility checks the notes keep (each re-check is a new entry). */
  maxFeasibilityChecks: 50,
  /** One text of the occupational profile (A2/A3, issue 19): a wish, strengths, an assessment. */
  maxProfileTextLength: 5_000,
  /** Entries of one list of the occupational profile (career stations, action plan, occupations, assessments). */
  maxProfileEntries: 100,
  /** Support-intensity entries of a case (issue 19, A7). */
  maxSupportIntensityEntries: 200,
  /** Incidents in a case's crisis log (issue 19, A8). */
  maxIncidents: 500,
  /** Follow-ups of one incident. */
  maxIncidentFollowUps: 50,
  /** Jobcoach pool (issue 20): a short text of the form (a title, an institution, a description). */
  maxPoolShortText: 200,
  /** A longer pool text (the Kennenlerngespräch's notes, a decision's note). */
  maxPoolLongText: 2_000,
  /** Teaching units (UE) of a training, hours of a further training. */
  maxPoolTrainingHours: 10_000,
  /** Confirmed cases an applicant names. */
  maxPoolCases: 1_000,
  /** Years of experience. */
  maxPoolExperienceYears: 60,
  /** Postcode areas or districts of a profile. */
  maxPoolRegions: 30,
  /** Hours per week (free in a profile, needed by a request). */
  maxPoolHoursPerWeek: 60,
  /** Languages of a profile or a request. */
  maxPoolLanguages: 20,
  /** An attachment id from the attachment store. */
  maxAttachmentIdLength: 100,
} as const
