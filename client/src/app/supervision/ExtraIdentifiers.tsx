import { useId, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  addSupervisionIdentifier,
  ExtraIdentifierKinds,
  NotesSupervisionIdentifiersArray,
  readSupervisionIdentifiers,
  removeSupervisionIdentifier,
} from '../../../../shared/src/caseDocument/supervisionIdentifiers.js'
import { formatRoomName } from '../../../../shared/src/protocol/roomName.js'
import { Limits } from '../../../../shared/src/limits.js'
import { useYArray } from '../../hooks/useYVersion.js'
import { useCaseRoom } from '../../sync/useCaseRoom.js'
import { useUser } from '../AuthContext.js'
import { newId } from '../newId.js'

/**
 * The case's extra identifiers (nicknames, a town, a team name), kept in the
 * coach-only notes document so both coaches of the tandem share them, also
 * offline. The next copy replaces each of them.
 */
export function ExtraIdentifiers({ caseId }: { caseId: string }) {
  const { t } = useTranslation()
  const id = useId()
  const user = useUser()
  const roomUser = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name])
  const { room, snapshot } = useCaseRoom(formatRoomName({ kind: 'notes', caseId }), 'write', roomUser)
  const array = useMemo(() => (room ? room.doc.getArray<unknown>(NotesSupervisionIdentifiersArray) : null), [room])
  useYArray(array)
  const [text, setText] = useState('')
  const [kind, setKind] = useState<(typeof ExtraIdentifierKinds)[number]>('person')
  const entries = room ? readSupervisionIdentifiers(room.doc) : []
  const writable = snapshot?.writable ?? false

  const handleAdd = (event: FormEvent): void => {
    event.preventDefault()
    const trimmed = text.trim()
    if (room && trimmed.length >= 2) {
      addSupervisionIdentifier(room.doc, { id: newId(), text: trimmed, kind })
      setText('')
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="supervision.identifiers">
      <h3 id={`${id}-heading`}>{t('supervision.identifiers.heading')}</h3>
      <p>{t('supervision.identifiers.intro')}</p>
      <ul className="plain-list">
        {entries.map((entry) => (
          <li key={entry.id} className="row">
            <span>
              {entry.text} <span className="meta">({t(`supervision.identifiers.kind.${entry.kind}`)})</span>
            </span>
            <button
              type="button"
              className="small"
              disabled={!writable}
              onClick={() => room && removeSupervisionIdentifier(room.doc, entry.id)}
            >
              {t('supervision.identifiers.remove', { text: entry.text })}
            </button>
          </li>
        ))}
      </ul>
      <form className="form row" onSubmit={handleAdd}>
        <label htmlFor={`${id}-text`}>{t('supervision.identifiers.text')}</label>
        <input id={`${id}-text`} value={text} minLength={Limits.minIdentifierLength} maxLength={Limits.maxIdentifierLength} onChange={(event) => setText(event.target.value)} data-testid="supervision.identifier-text" />
        <label htmlFor={`${id}-kind`}>{t('supervision.identifiers.kindLabel')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
          {ExtraIdentifierKinds.map((value) => (
            <option key={value} value={value}>
              {t(`supervision.identifiers.kind.${value}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="small" disabled={!writable} data-testid="supervision.identifier-add">
          {t('supervision.identifiers.add')}
        </button>
      </form>
    </section>
  )
}
