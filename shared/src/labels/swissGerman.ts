/**
 * Swiss Standard German (de-CH) from the German texts (issue 19 point 9).
 * Derived, not a third copy of every text, so the two never drift apart:
 * spelling and the terms whose Swiss word swaps in without changing the
 * grammar follow rules (`swissText`); the few texts that need rewording are
 * set by i18n key path (`swissWords` here, the client's de-CH.json overlay).
 * `germanOnlyTerms` lists what no de-CH text may still say; the client's
 * completeness test scans every German key against it.
 */

import { fundingSwissWords } from './fundingLabels.js'

/** Texts whose Swiss word differs beyond the rules, by i18n key path (shared labels and the server's texts). */
const swissWords: Readonly<Record<string, string>> = {
  ...fundingSwissWords,
  // The Swiss right of access is Art. 25 of the Federal Act on Data Protection (DSG), not the GDPR's Art. 15.
  'plain.data.exportTerm': 'Auskunft nach Art. 25 DSG',
  'dataProtection.exportHelp':
    'Alles, was Fallbuch in diesem Fall über die Person gespeichert hat (Art. 25 DSG): als Datei (JSON, offenes Format) oder als lesbare Seite zum Drucken oder als PDF speichern.',
  'roles.employer': 'Arbeitgebende',
  // Funding bodies by kind: the Swiss body that does the German one's job.
  'fundingWords.kind.integrationOffice': 'IV-Stelle (Invalidenversicherung)',
  'fundingWords.kind.employmentAgency': 'RAV / Arbeitslosenversicherung',
  'fundingWords.kind.jobCentre': 'Sozialdienst / Sozialamt',
  'audit.changes.employerCanEditOn': 'Arbeitgebende dürfen mitbearbeiten',
  'audit.changes.employerCanEditOff': 'Arbeitgebende dürfen nicht mehr mitbearbeiten',
}

/**
 * Swaps that keep the grammar (same gender and declension), in order:
 * spelling (no "ß"; "Job Coach" as the Swiss profile writes it), then the
 * Swiss words of the field: Kostenträger, Kostengutsprache (for a German
 * Bewilligung of funding), Arbeitgebende (the gender star form is German
 * usage; the Swiss profile says Arbeitgebende). The Zwischengespräch keeps its
 * name: the Standortgespräch is a meeting kind of its own (A7-A9, recurring),
 * and two kinds of one name could not be told apart.
 */
const swissRules: ReadonlyArray<readonly [RegExp, string]> = [
  [/ß/g, 'ss'],
  // Swiss quotation marks (Guillemets) for the German „…“.
  [/„([^“„]*)“/g, '«$1»'],
  [/Jobcoach/g, 'Job Coach'],
  [/Leistungsträger/g, 'Kostenträger'],
  [/\bBewilligungszeitraum/g, 'Zeitraum der Kostengutsprache'],
  [/\bBewilligungen/g, 'Kostengutsprachen'],
  [/\bBewilligung/g, 'Kostengutsprache'],
  [/\bbewilligt/g, 'gutgesprochen'],
  // The plural first: the singular's pattern would leave its "nen" behind.
  [/Arbeitgebervertreter\*innen/g, 'Vertretungen der Arbeitgebenden'],
  [/Arbeitgebervertreter\*in|Arbeitgebervertretung/g, 'Vertretung der Arbeitgebenden'],
  [/\b(den|der|des|allen|keinen|einer) Arbeitgeber\*in(nen)?\b/g, '$1 Arbeitgebenden'],
  [/\b(Die|die|eine|keine) Arbeitgeber\*in\b/g, '$1 Arbeitgebende'],
  [/\bArbeitgeber\*in(nen)?\b/g, 'Arbeitgebende'],
]

/**
 * What a de-CH text must not say, by pattern, with the Swiss word to use:
 * German spelling, German-only terms and German law. The completeness test
 * fails on any de-CH text that still matches.
 */
export const germanOnlyTerms: ReadonlyArray<{ pattern: RegExp; swiss: string }> = [
  { pattern: /ß/, swiss: 'ss' },
  { pattern: /„/, swiss: '«…»' },
  { pattern: /Jobcoach/, swiss: 'Job Coach' },
  { pattern: /Arbeitgeber\*in|Arbeitgebervertret/, swiss: 'Arbeitgebende' },
  { pattern: /Leistungsträger/, swiss: 'Kostenträger' },
  { pattern: /\bBewilligung|\bbewilligt/, swiss: 'Kostengutsprache, gutgesprochen' },
  { pattern: /Integrationsamt|Agentur für Arbeit|Jobcenter/, swiss: 'IV-Stelle, RAV, Sozialdienst' },
  { pattern: /DSGVO/, swiss: 'DSG' },
  { pattern: /§ 147 AO|\bSGB\b/, swiss: 'the Swiss law (OR, IVG)' },
]

/** A German text in Swiss writing and words (the rules only). */
export function swissText(text: string): string {
  return swissRules.reduce((result, [pattern, swiss]) => result.replace(pattern, swiss), text)
}

/**
 * The de-CH texts of a German resource tree: per key the overlay's text
 * (key path → text), else `swissWords`, else the German one, each through
 * the rules.
 */
export function swissGerman<T>(texts: T, overlay: Readonly<Record<string, string>> = {}, path = ''): T {
  if (typeof texts === 'string') {
    return swissText(overlay[path] ?? swissWords[path] ?? texts) as T
  }
  if (Array.isArray(texts)) {
    return texts.map((item: unknown, index) => swissGerman(item, overlay, `${path}.${index}`)) as T
  }
  if (typeof texts === 'object' && texts !== null) {
    return Object.fromEntries(Object.entries(texts).map(([key, value]) => [key, swissGerman(value, overlay, path === '' ? key : `${path}.${key}`)])) as T
  }
  return texts
}
