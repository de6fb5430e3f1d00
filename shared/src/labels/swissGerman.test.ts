import { describe, expect, it } from 'vitest'
import { swissGerman } from './swissGerman.js'

describe('Swiss German texts', () => {
  it('write "ss" for "ß" and name the Swiss right of access (Art. 25 DSG), not the GDPR', () => {
    const german = {
      plain: { data: { exportTerm: 'Auskunft nach Art. 15 DSGVO' }, tab: { confidential: 'Private Angaben', versions: 'Änderungen' } },
      plan: { heading: 'Maßnahmeplanung' },
    }
    expect(swissGerman(german)).toEqual({
      plain: { data: { exportTerm: 'Auskunft nach Art. 25 DSG' }, tab: { confidential: 'Private Angaben', versions: 'Änderungen' } },
      plan: { heading: 'Massnahmeplanung' },
    })
  })

  it('swap the Swiss words where the grammar stays the same (issue 19)', () => {
    const german = {
      a: 'Stand der Bewilligungen beim Leistungsträger',
      b: 'Laden Sie die Arbeitgeber*in ein; den Arbeitgeber*innen gehört „Betrieb“.',
      c: 'Das Zwischengespräch mit dem Jobcoach',
      d: 'Die Person sieht ihre Stellensuche; Arbeitgebervertreter*innen sehen sie nicht. Die Arbeitgebervertreter*in liest mit.',
    }
    expect(swissGerman(german)).toEqual({
      a: 'Stand der Kostengutsprachen beim Kostenträger',
      b: 'Laden Sie die Arbeitgebende ein; den Arbeitgebenden gehört «Betrieb».',
      c: 'Das Zwischengespräch mit dem Job Coach',
      d: 'Die Person sieht ihre Stellensuche; Vertretungen der Arbeitgebenden sehen sie nicht. Die Vertretung der Arbeitgebenden liest mit.',
    })
  })
})
