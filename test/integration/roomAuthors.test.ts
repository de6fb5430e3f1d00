/**
 * Issue 17.6: the accounts behind a case document's Yjs client ids, for
 * whoever may read the document; with them a comment written under another
 * coach's authorId shows its real author.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { RoomAuthorsReply } from '../../shared/src/api/roomAuthors.js'
import { anchorInText, encodeAnchor } from '../../shared/src/comments/anchor.js'
import { resolveAuthorship } from '../../shared/src/comments/authorship.js'
import { addComment, readComments } from '../../shared/src/comments/thread.js'
import { textNodesOf } from '../../shared/src/richText/textNodes.js'
import { createCase, createStaff, inviteAndAccept, setupAdmin, type LoggedIn } from '../helpers/apiClient.js'
import { startRelay, type TestRelay } from '../helpers/startRelay.js'
import { until } from '../helpers/until.js'
import { appendParagraph, connectProvider, connectRaw, roundTrip } from './support/syncClients.js'

let relay: TestRelay
let miriam: LoggedIn

beforeAll(async () => {
  relay = await startRelay()
  miriam = await setupAdmin(relay)
})

describe('room authors', () => {
  it('are listed for readers of the document only', async () => {
    const kase = await createCase(miriam)
    const employer = await inviteAndAccept(miriam, kase.id, 'employer')
    const coachee = await inviteAndAccept(miriam, kase.id, 'coachee')
    const outsider = await createStaff(miriam)
    const path = (kind: string) => `/api/cases/${kase.id}/rooms/${kind}/authors`

    const notes = await miriam.client.request<RoomAuthorsReply>('GET', path('notes'))
    expect(notes.status).toBe(200)
    // The server's seeding of the new case is bound to @server.
    expect(notes.body.authors.every((author) => author.userId === '@server' && author.name === null)).toBe(true)
    expect((await employer.client.request('GET', path('notes'))).status).toBe(403)
    expect((await coachee.client.request('GET', path('notes'))).status).toBe(403)
    expect((await employer.client.request('GET', path('plan'))).status).toBe(200)
    expect((await outsider.client.request('GET', path('notes'))).status).toBe(404)
    expect((await miriam.client.request('GET', path('confidential'))).status).toBe(404)
    expect((await miriam.client.request('GET', `/api/cases/${kase.id}/rooms/notes/authors`, undefined, { cookie: '' })).status).toBe(401)
  })

  it("show the real writer of a comment that claims another coach's authorId", async () => {
    const kase = await createCase(miriam)
    const tobias = await createStaff(miriam)
    await inviteAndAccept(miriam, kase.id, 'coach', tobias)
    const room = `cases/${kase.id}/notes`
    const mine = await connectProvider(relay.wsUrl, room, miriam.client.cookie)
    appendParagraph(mine.doc.getXmlFragment('phase:analysis'), 'Jonas wirkt müde.')
    const his = await connectProvider(relay.wsUrl, room, tobias.client.cookie)
    await until(() => textNodesOf(his.doc.getXmlFragment('phase:analysis')).length > 0, { message: 'the note at Tobias' })
    const text = textNodesOf(his.doc.getXmlFragment('phase:analysis'))[0]
    if (!text) {
      throw new Error('no text')
    }
    addComment(his.doc, {
      id: 'forged',
      authorId: miriam.user.id,
      authorName: miriam.user.name,
      createdAt: '2026-03-05T09:30:00.000Z',
      text: 'Jonas ist faul',
      anchor: encodeAnchor(anchorInText('analysis', text, 0, 5)),
    })
    await until(() => readComments(mine.doc).length === 1, { message: 'the comment at Miriam' })
    await roundTrip(await connectRaw(relay.wsUrl, room, tobias.client.cookie))

    const reply = await miriam.client.request<RoomAuthorsReply>('GET', `/api/cases/${kase.id}/rooms/notes/authors`)
    const bindings = new Map(reply.body.authors.map((author) => [author.clientId, { userId: author.userId, name: author.name }]))
    expect(bindings.get(his.doc.clientID)).toEqual({ userId: tobias.user.id, name: tobias.user.name })
    expect(bindings.get(mine.doc.clientID)).toEqual({ userId: miriam.user.id, name: miriam.user.name })
    const [comment] = readComments(mine.doc)
    expect(resolveAuthorship(comment?.authorId ?? '', comment?.writerClientIds ?? [], bindings)).toEqual({
      writer: { userId: tobias.user.id, name: tobias.user.name },
      mismatch: true,
    })
  })
})
