import { useId, useMemo, type ReactNode } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { planApproach } from '../../../../shared/src/caseDocument/plan.js'
import { RichTextEditor } from '../../editor/RichTextEditor.js'
import { useYVersion } from '../../hooks/useYVersion.js'

export interface ApproachReadViewProps {
  /** The plan document whose `approach` fragment is shown. */
  doc: Y.Doc
  provider: WebsocketProvider
  caretUser: { name: string; color: string }
  /** The section's heading (plain or formal words). */
  heading: string
  /** Shown instead of an empty box while nothing is written. */
  empty: ReactNode
}

/**
 * The plan's approach for a reader (the coachee's plain view, the plan
 * document): a heading and the read-only rich text, live while a coach types;
 * an empty approach is said in words, not shown as an empty box.
 */
export function ApproachReadView({ doc, provider, caretUser, heading, empty }: ApproachReadViewProps) {
  const id = useId()
  const approach = useMemo(() => planApproach(doc), [doc])
  useYVersion(approach)
  return (
    <section aria-labelledby={`${id}-approach`}>
      <h3 id={`${id}-approach`}>{heading}</h3>
      {approach.length === 0 ? (
        empty
      ) : (
        <RichTextEditor
          fragment={approach}
          provider={provider}
          user={caretUser}
          editable={false}
          labelledBy={`${id}-approach`}
          label={heading}
          testId="plan.approach"
          hideToolbar
        />
      )}
    </section>
  )
}
