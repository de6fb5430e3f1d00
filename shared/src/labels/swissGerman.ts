/**
 * Swiss Standard German (de-CH) from the German texts: Swiss writing has no
 * "ß" (it is "ss"). Derived, not a third copy of every text, so the two can
 * never drift apart; the few words that differ beyond spelling are set in
 * `swissWords`.
 */

import { fundingSwissWords } from './fundingLabels.js'

/** Texts whose Swiss word differs beyond spelling, by i18n key path. */
const swissWords: Readonly<Record<string, string>> = {
  ...fundingSwissWords,
  // The Swiss right of access is Art. 25 of the Federal Act on Data Protection (DSG), not the GDPR's Art. 15.
  'plain.data.exportTerm': 'Auskunft nach Art. 25 DSG',
  'dataProtection.exportHelp':
    'Alles, was Fallbuch in diesem Fall über die Person gespeichert hat (Art. 25 DSG): als Datei (JSON, offenes Format) oder als lesbare Seite zum Drucken oder als PDF speichern.',
}

function swissText(text: string): string {
  return text.replace(/ß/g, 'ss')
}

/** The de-CH texts of a German resource tree. */
export function swissGerman<T>(texts: T, path = ''): T {
  if (typeof texts === 'string') {
    return (swissWords[path] ?? swissText(texts)) as T
  }
  if (Array.isArray(texts)) {
    return texts.map((item: unknown, index) => swissGerman(item, `${path}.${index}`)) as T
  }
  if (typeof texts === 'object' && texts !== null) {
    return Object.fromEntries(Object.entries(texts).map(([key, value]) => [key, swissGerman(value, path === '' ? key : `${path}.${key}`)])) as T
  }
  return texts
}
