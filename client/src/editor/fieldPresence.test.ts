import { describe, expect, it } from 'vitest'
import { namesInField } from './fieldPresence.js'

describe('namesInField', () => {
  it('names the other people in a field, not oneself and not those elsewhere', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { name: 'Miriam Roth' }, field: 'goal:g1:specific' }],
      [2, { user: { name: 'Tobias Brandt' }, field: 'goal:g1:specific' }],
      [3, { user: { name: 'Aylin Kaya' }, field: 'goal:g1:title' }],
      [4, { user: { name: 'Tobias Brandt' }, field: 'goal:g1:specific' }],
      [5, { field: 'goal:g1:specific' }],
    ])
    expect(namesInField(states, 1, 'goal:g1:specific')).toEqual(['Tobias Brandt'])
    expect(namesInField(states, 2, 'goal:g1:title')).toEqual(['Aylin Kaya'])
    expect(namesInField(states, 1, 'meta:title')).toEqual([])
  })
})
