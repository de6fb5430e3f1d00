import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ClientRouteSegments, isClientRoute } from './staticFiles.js'

describe('the client routes the server answers with index.html', () => {
  it("cover every route of the client's router (a new page must not answer 404 on reload)", () => {
    const app = readFileSync(join(process.cwd(), 'client/src/app/App.tsx'), 'utf8')
    const paths = [...app.matchAll(/path="([^"]+)"/g)].map((match) => match[1] ?? '').filter((path) => path !== '*')
    expect(paths.length).toBeGreaterThan(5)
    for (const path of paths) {
      expect(ClientRouteSegments.has(path.split('/')[1] ?? ''), path).toBe(true)
    }
  })

  it('are only those pages: probes and unknown files are not', () => {
    expect(isClientRoute('/cases/abc/report/final')).toBe(true)
    expect(isClientRoute('/settings')).toBe(true)
    for (const path of ['/readyz2', '/.env', '/wp-login.php', '/cases/x.php', '/robots.txt']) {
      expect(isClientRoute(path), path).toBe(false)
    }
  })
})
