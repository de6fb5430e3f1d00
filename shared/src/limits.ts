/**
 * Limits of user input, read by the zod schemas and by the forms' maxLength,
 * so both sides agree on them.
 */
export const Limits = {
  maxTitleLength: 200,
  maxNameLength: 120,
  maxEmailLength: 254,
  minPasswordLength: 10,
  maxPasswordLength: 256,
  maxShortTextLength: 2_000,
  maxHoursBudget: 10_000,
  maxGoals: 100,
  maxParticipants: 100,
} as const
