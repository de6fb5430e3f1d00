/**
 * The cases the browser scenario opens (browser.mjs), written through the
 * relay by a raw writer: a large case (`edits` edits over the four phase
 * notes, several sessions, and a plan of `goals` goals) and a case with one
 * long phase note. Deterministic: every run writes the same case.
 */
import * as Y from 'yjs'
import { closeAll, encodeSyncUpdate, framingFor, openWriter } from './protocol.mjs'
import { longNoteParagraphs } from './typingProbe.mjs'

export const Phases = ['analysis', 'selfIntegration', 'intervention', 'stabilisation']
const Words = ['Arbeitsplatz', 'Gespräch', 'Anleitung', 'Pause', 'Kollegin', 'Aufgabe', 'Rückmeldung', 'Termin', 'Ablauf', 'Checkliste']
/** Goal fields that stay plain values in plan schema v2; every other goal field is a Y.Text. */
const GoalScalarKeys = new Set(['id', 'timeBound', 'status'])
/** A deterministic pseudo-random generator (mulberry32), so every run writes the same case. */
function random(seed) {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function paragraph(text) {
  const element = new Y.XmlElement('paragraph')
  element.insert(0, [new Y.XmlText(text)])
  return element
}

/**
 * Writes `edits` edits over the four phase fragments of a synced notes doc,
 * as tiptap would store them (paragraph elements holding text), ending each
 * phase with the marker `Ende <phase>`. A new client id every 1,000 edits
 * stands for a new session.
 */
function writeEdits(doc, edits) {
  const next = random(8)
  const perPhase = Math.ceil(edits / Phases.length)
  let done = 0
  for (const phase of Phases) {
    const fragment = doc.getXmlFragment(`phase:${phase}`)
    for (let i = 0; i < perPhase && done < edits; i += 1, done += 1) {
      if (done % 1_000 === 0) {
        doc.clientID = Math.floor(next() * 2 ** 31)
      }
      doc.transact(() => {
        const roll = next()
        if (fragment.length === 0 || roll < 0.08) {
          fragment.push([paragraph(`${Words[i % Words.length]} `)])
          return
        }
        // Somewhere in one of the last five paragraphs.
        const element = fragment.get(Math.max(0, fragment.length - 1 - Math.floor(next() * 5)))
        const text = element.get(0)
        const at = Math.floor(next() * (text.length + 1))
        if (roll < 0.13 && text.length > 4) {
          text.delete(Math.min(at, text.length - 3), 3)
        } else {
          text.insert(at, `${Words[Math.floor(next() * Words.length)]} `)
        }
      })
    }
    doc.transact(() => fragment.push([paragraph(`Ende ${phase}`)]))
  }
}

/** Sends a writer's doc changes in merged chunks and waits until the relay has committed them. */
async function sendInChunks(writer, target, produce) {
  writer.held = []
  produce()
  const updates = writer.held
  writer.held = null
  const framing = framingFor(target)
  const chunk = 1_000
  for (let i = 0; i < updates.length; i += chunk) {
    writer.ws.send(framing.wrap(encodeSyncUpdate(Y.mergeUpdates(updates.slice(i, i + chunk)))))
    await writer.roundTrip()
  }
}

/** A case with large notes and a plan of `goals` goals; returns its id. */
export async function largeCase(relay, { edits, goals }) {
  const notes = await relay.newRoom()
  const notesWriter = await openWriter(notes)
  await sendInChunks(notesWriter, notes, () => writeEdits(notesWriter.doc, edits))
  const plan = { ...notes, room: `cases/${notes.caseId}/plan`, url: notes.url.replace(/\/notes$/, '/plan') }
  const planWriter = await openWriter(plan)
  planWriter.doc.transact(() => {
    const list = planWriter.doc.getArray('goals')
    for (let i = 0; i < goals; i += 1) {
      const goal = new Y.Map()
      for (const [key, value] of Object.entries({
        id: `goal-${i}`,
        title: `Ziel ${i + 1}: ${Words[i % Words.length]} selbstständig erledigen`,
        specific: 'Die Aufgabe wird ohne Hilfe erledigt.',
        measurable: 'Drei Wochen in Folge ohne Nachfrage.',
        achievable: 'Mit Checkliste und fester Ansprechperson.',
        relevant: 'Voraussetzung für die Übernahme.',
        responsible: 'Jobcoach und Teamleitung',
        status: 'open',
      })) {
        // Plan schema v2 (contract §8.1): free texts are Y.Text; the relay
        // refuses a plain string there with 4400 (a v1-shaped write).
        goal.set(key, GoalScalarKeys.has(key) ? value : new Y.Text(value))
      }
      list.push([goal])
    }
  })
  await planWriter.roundTrip()
  await closeAll([notesWriter, planWriter])
  return notes.caseId
}

/**
 * A case whose analysis note holds `pages` pages of text and `comments`
 * tandem comments spread over it (each on a word of its paragraph, every
 * fourth one resolved, as the notes schema stores them: contract §3.1);
 * returns its notes target and caseId.
 */
export async function longNoteCase(relay, pages, comments = 0) {
  const notes = await relay.newRoom()
  const writer = await openWriter(notes)
  await sendInChunks(writer, notes, () => {
    const fragment = writer.doc.getXmlFragment('phase:analysis')
    for (const text of longNoteParagraphs(pages)) {
      writer.doc.transact(() => fragment.push([paragraph(text)]))
    }
    const list = writer.doc.getArray('comments')
    for (let i = 0; i < comments; i += 1) {
      const text = fragment.get(Math.floor(((i + 0.5) * fragment.length) / comments)).get(0)
      writer.doc.transact(() => list.push([commentOn(text, i)]))
    }
  })
  await closeAll([writer])
  return notes
}

/** A comment on the first word of a paragraph's text node, in the stored form (anchor JSON format version 1). */
function commentOn(text, i) {
  const word = text.toString().split(' ')[0]
  const position = (index, assoc) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc))).toString('base64')
  const comment = new Y.Map()
  comment.set('id', `bench-comment-${i}`)
  comment.set('authorId', 'bench-coach')
  comment.set('createdAt', '2026-03-05T09:30:00.000Z')
  comment.set('text', `Rückfrage ${i + 1} zu diesem Absatz`)
  comment.set('anchor', JSON.stringify({ v: 1, phase: 'analysis', start: position(0, 0), end: position(word.length, -1), quote: word }))
  comment.set('resolved', i % 4 === 3)
  comment.set('replies', new Y.Array())
  return comment
}
