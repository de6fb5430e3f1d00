import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('the relay process V8 settings', () => {
  it('are set by the first module the entry point loads, before anything allocates', () => {
    const entry = readFileSync(new URL('./main.ts', import.meta.url), 'utf8')
    const imports = entry.split('\n').filter((line) => line.startsWith('import '))
    expect(imports[0]).toBe("import './v8Flags.js'")
  })
})
