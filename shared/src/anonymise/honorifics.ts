/**
 * People the case does not know, found by how German text names them: a
 * salutation or title and a capitalised name — "Herrn Demir", "Frau Ewa
 * Kowalczyk", "Hr. Nguyễn Văn Minh", "Fr. Dr. Papadopoulou", "Dr. med. Ayşe
 * Yıldırım", "Frau de Luca". The anonymiser first collects them from the whole
 * case, then treats them like the known people, so "Demir" alone is replaced
 * too wherever it stands.
 */

const Space = '[ \\t\\u00a0]'
const Salutation = `(?:Frau|Herrn?|Hr\\.|Fr\\.)`
const Title = `(?:Dr|Prof)\\.(?:${Space}*(?:med|phil|jur|dent|rer\\.${Space}?nat|h\\.${Space}?c)\\.)?`
/** Salutation, title, or both ("Herrn Prof. Dr."). */
const Honorific = `(?:${Salutation}(?:${Space}*${Title})*|${Title}(?:${Space}*${Title})*)`
/** Name particles; "von" only before the first word ("Frau von Arx"): inside, it is the preposition ("Herrn Demir von Frischmarkt"). */
const Particle = '(?:van|de|di|da|del|della|dos|du|la|le|al|el|bin|ibn|ben|ter|ten)'
const LeadingParticle = `(?:von|${Particle})`
/** A capitalised name word, hyphenated parts and apostrophes included (Müller-Lüdenscheidt, O'Connor, Al-Rashid). */
const NameWord = `\\p{Lu}[\\p{L}\\p{M}]*(?:['’\\-]\\p{L}[\\p{L}\\p{M}]*)*`
const Honorifics = new RegExp(`(?<![\\p{L}\\p{M}])${Honorific}${Space}*((?:${LeadingParticle}${Space}+)?${NameWord}(?:${Space}+(?:${Particle}${Space}+)?${NameWord}){0,2})(?![\\p{L}\\p{M}])`, 'gu')

/**
 * Capitalised words after a salutation that are no name: roles ("Frau
 * Kollegin") and nouns that often follow a name ("Herrn Demir Bescheid
 * geben"). A name ends before the first of them.
 */
const NotNames = new Set(
  `kollege kollegin kollegen chef chefin doktor professor professorin vorgesetzte vorgesetzter meister meisterin
  leiter leiterin abteilungsleiter abteilungsleiterin schichtleiter schichtleiterin filialleiter filialleiterin teamleiter teamleiterin
  direktor direktorin pfarrer pfarrerin bürgermeister bürgermeisterin minister ministerin präsident präsidentin nachbar nachbarin
  mutter vater sohn tochter schwester bruder kunde kundin jobcoach jobcoachin coach coachin mentor mentorin betreuer betreuerin
  bescheid feedback rückmeldung bericht termin zeit recht danke bitte gruß grüße unterstützung hilfe info infos arbeit kasse
  montag dienstag mittwoch donnerstag freitag samstag sonntag heute morgen gestern ich sie er wir ihr es und oder aber`.split(/\s+/),
)

/** A person named with a salutation or title, as written (without it). */
export interface HonorificName {
  /** The name's words: ["Ewa", "Kowalczyk"], ["de", "Luca"]. */
  words: string[]
  /** The name as one string ("Ewa Kowalczyk"). */
  name: string
}

/** Every name written after a salutation or title in `text`, in order. */
export function findHonorificNames(text: string): HonorificName[] {
  const found: HonorificName[] = []
  Honorifics.lastIndex = 0
  for (let match = Honorifics.exec(text); match !== null; match = Honorifics.exec(text)) {
    const words: string[] = []
    for (const word of (match[1] ?? '').split(/[ \t\u00a0]+/)) {
      if (NotNames.has(word.toLowerCase())) {
        break
      }
      words.push(word)
    }
    // A particle alone ("Frau de") names no one.
    if (words.some((word) => /^\p{Lu}/u.test(word))) {
      found.push({ words, name: words.join(' ') })
    }
  }
  return found
}
