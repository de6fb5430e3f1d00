import { describe, expect, it } from 'vitest'
import { otherPeopleReplacer } from './otherPeople.js'

describe('otherPeopleReplacer', () => {
  const texts = [
    'Rückmeldung von Herrn Bogdanović; Frau Ewa Kowalczyk (Personal) war dabei.',
    'Frau Lange und Herr Ali Demir sind zufrieden. Bogdanovićs Einschätzung: gut. Ewa fragt nach.',
  ]
  const visible = ['Jonas Peters', 'Petra Lange', 'Ali Demir']

  it('replaces people named with a salutation who are neither members nor participants, everywhere, and counts them', () => {
    const replacer = otherPeopleReplacer(texts, visible, '[weitere Person]')
    expect(texts.map((text) => replacer.replace(text))).toEqual([
      'Rückmeldung von Herrn [weitere Person]; Frau [weitere Person] (Personal) war dabei.',
      'Frau Lange und Herr Ali Demir sind zufrieden. [weitere Person] Einschätzung: gut. [weitere Person] fragt nach.',
    ])
    expect(replacer.replaced).toBe(4)
  })

  it('leaves texts without such names alone', () => {
    const replacer = otherPeopleReplacer(['Jonas kommt mit Frau Lange.'], visible, '[weitere Person]')
    expect(replacer.replace('Jonas kommt mit Frau Lange.')).toBe('Jonas kommt mit Frau Lange.')
    expect(replacer.replaced).toBe(0)
  })
})
