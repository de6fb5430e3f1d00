/**
 * A plan or notes document as a version shows it (contract §8.4): the value
 * the shared readers give (readPlan / readNotes, or why it does not read)
 * and its rich text as blocks and plain text. The server answers version
 * reads with it; the client reads its live document the same way to
 * compare.
 */
import * as Y from 'yjs'
import type { NotesVersionContent, PlanVersionContent, VersionContent, VersionDoc } from '../api/versions.js'
import { blocksToPlainText } from '../richText/plainText.js'
import { fragmentToBlocks } from '../richText/textBlocks.js'
import { hasAgreementParts, readAgreementParts } from './agreementParts.js'
import { migrateDoc } from './migrations.js'
import { readNotes } from './notes.js'
import { planApproach, readPlan } from './plan.js'
import { rootTypeOf } from './roomSchemas.js'
import { detachedDoc } from './detachedDoc.js'

/** The content of a live plan document. */
export function planVersionContent(doc: Y.Doc): PlanVersionContent {
  const read = readPlan(doc)
  const blocks = fragmentToBlocks(planApproach(doc))
  const parts = readAgreementParts(doc)
  return {
    doc: 'plan',
    readable: read.ok,
    issues: read.ok ? [] : read.issues,
    plan: read.ok ? read.value : null,
    approach: { blocks, text: blocksToPlainText(blocks) },
    ...(hasAgreementParts(parts) ? { agreementParts: parts } : {}),
  }
}

/** The content of a live notes document; `texts` by fragment name, in name order. */
export function notesVersionContent(doc: Y.Doc): NotesVersionContent {
  const read = readNotes(doc)
  const texts: Record<string, string> = {}
  for (const name of [...doc.share.keys()].sort()) {
    if (rootTypeOf('notes', name) === 'fragment') {
      texts[name] = blocksToPlainText(fragmentToBlocks(doc.getXmlFragment(name)))
    }
  }
  return { doc: 'notes', readable: read.ok, issues: read.ok ? [] : read.issues, notes: read.ok ? read.value : null, texts }
}

/**
 * A stored snapshot (a Yjs state) as a document of today's schema: an older
 * snapshot is migrated in the scratch copy, exactly as the server migrates a
 * room it loads. The caller destroys the doc.
 */
export function versionDoc(kind: VersionDoc, state: Uint8Array): Y.Doc {
  const doc = detachedDoc()
  Y.applyUpdate(doc, state)
  migrateDoc(kind, doc)
  return doc
}

/** The content of a stored snapshot. */
export function readVersionContent(kind: VersionDoc, state: Uint8Array): VersionContent {
  const doc = versionDoc(kind, state)
  try {
    return kind === 'plan' ? planVersionContent(doc) : notesVersionContent(doc)
  } finally {
    doc.destroy()
  }
}
