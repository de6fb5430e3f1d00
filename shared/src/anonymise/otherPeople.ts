/**
 * Replacing the names of other people in texts given to a person (the data
 * export, GDPR Art. 15(4)): people the texts name with a salutation ("Herrn
 * Demir", "Frau Ewa Kowalczyk") who are not among the names the reader may
 * see (the case's members and the plan's participants, whom the reader knows
 * from the case anyway). Their names become one neutral text, everywhere in
 * the texts, the salutation stays ("von Herrn [weitere Person]").
 */
import { findHonorificNames } from './honorifics.js'
import { nameParts } from './identifiers.js'
import { identifierKey } from './text.js'
import { Genitive } from './wordLists.js'
import { WordMatcher } from './wordMatcher.js'

/** Replaces other people's names in text; `replaced` counts the names replaced so far. */
export interface OtherPeopleReplacer {
  replace(text: string): string
  readonly replaced: number
}

/**
 * A replacer for the people named with a salutation in `texts` whose name
 * has a part that none of the `visible` names has.
 */
export function otherPeopleReplacer(texts: readonly string[], visible: readonly string[], replacement: string): OtherPeopleReplacer {
  const visibleParts = new Set(visible.flatMap((name) => [name, ...nameParts(name)]).map(identifierKey))
  const hidden = new Set<string>()
  for (const text of texts) {
    for (const { name } of findHonorificNames(text)) {
      const parts = nameParts(name).filter((part) => !visibleParts.has(identifierKey(part)))
      if (parts.length > 0 && !visibleParts.has(identifierKey(name))) {
        for (const term of [name, ...parts]) {
          hidden.add(term)
        }
      }
    }
  }
  const matcher = new WordMatcher([...hidden].map((term) => ({ folded: identifierKey(term), suffixes: Genitive, capitalised: false, value: term })))
  let replaced = 0
  return {
    replace(text: string): string {
      if (hidden.size === 0) {
        return text
      }
      let out = ''
      let position = 0
      // Longest first at each place; later matches inside a taken one are skipped.
      for (const match of matcher.find(text).sort((a, b) => a.start - b.start || b.end - a.end)) {
        if (match.start < position) {
          continue
        }
        out += text.slice(position, match.start) + replacement
        position = match.end
        replaced++
      }
      return out + text.slice(position)
    },
    get replaced() {
      return replaced
    },
  }
}
