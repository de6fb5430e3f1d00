import { describe, expect, it } from 'vitest'
import { ConfidentialFields } from '../caseDocument/confidential.js'
import { caseRoomNames, formatRoomName, parseRoomName } from './roomName.js'

const caseId = 'AbCdEfGhIjKlMnOp_-12'

describe('parseRoomName', () => {
  it('accepts every room of the contract grammar and formats it back unchanged', () => {
    const names = [
      `cases/${caseId}/plan`,
      `cases/${caseId}/notes`,
      ...ConfidentialFields.map((field) => `cases/${caseId}/confidential/${field}`),
      `supervision/${caseId}`,
      `supervision/${caseId}/discussion`,
    ]
    for (const name of names) {
      const room = parseRoomName(name)
      expect(room, name).not.toBeNull()
      expect(formatRoomName(room!)).toBe(name)
    }
  })

  it('reads the case id and the confidential field', () => {
    expect(parseRoomName(`cases/${caseId}/confidential/diagnosis`)).toEqual({
      kind: 'confidential',
      caseId,
      field: 'diagnosis',
    })
  })

  it.each([
    '',
    'cases',
    `cases/${caseId}`,
    `cases/${caseId}/plan/`,
    `/cases/${caseId}/plan`,
    `cases/${caseId}/Plan`,
    `cases/${caseId}/confidential`,
    `cases/${caseId}/confidential/shoeSize`,
    `cases/${caseId}/confidential/diagnosis/extra`,
    `cases/short/plan`,
    `cases/${caseId}!/plan`,
    `cases/${'a'.repeat(65)}/plan`,
    `cases/../${caseId}/plan`,
    `cases/${caseId}/notes?x=1`,
    `supervision/${caseId}/notes`,
    `supervision/${caseId}/discussion/x`,
    `other/${caseId}/plan`,
    `cases/${caseId}/plan`.padEnd(300, 'x'),
  ])('rejects %j', (name) => {
    expect(parseRoomName(name)).toBeNull()
  })
})

describe('caseRoomNames', () => {
  it('lists plan, notes, the occupational profile and one room per confidential field', () => {
    const names = caseRoomNames(caseId).map(formatRoomName)
    expect(names).toHaveLength(3 + ConfidentialFields.length)
    expect(names[0]).toBe(`cases/${caseId}/plan`)
    expect(names[1]).toBe(`cases/${caseId}/notes`)
    expect(names[2]).toBe(`cases/${caseId}/profile`)
  })
})
