import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { RichTextEditor } from '../../editor/RichTextEditor.js'
import type { CaseRoom } from '../../sync/CaseRoom.js'

/** Root fragment of a discussion document (`supervision/<copyId>/discussion`): the group's shared text. */
export const DiscussionFragment = 'discussion'

/** The group's shared discussion of a copy (Fallbesprechung): tiptap with named carets, like the phase notes. */
export function DiscussionEditor({ room, writable, caretUser }: { room: CaseRoom; writable: boolean; caretUser: { name: string; color: string } }) {
  const { t } = useTranslation()
  const id = useId()
  const fragment = useMemo(() => room.doc.getXmlFragment(DiscussionFragment), [room.doc])
  return (
    <section aria-labelledby={`${id}-heading`} className="card" data-testid="supervision.discussion">
      <h2 id={`${id}-heading`}>{t('supervision.discussion.heading')}</h2>
      <p>{t(writable ? 'supervision.discussion.intro' : 'supervision.discussion.readOnly')}</p>
      <RichTextEditor
        fragment={fragment}
        provider={room.provider}
        user={caretUser}
        editable={writable}
        hideToolbar={!writable}
        labelledBy={`${id}-heading`}
        label={t('supervision.discussion.heading')}
        testId="supervision.discussion-editor"
      />
    </section>
  )
}
