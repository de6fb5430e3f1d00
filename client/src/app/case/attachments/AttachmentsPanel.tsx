import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isCaseAttachmentCategory, type AttachmentsReply, type CaseAttachmentCategory } from '../../../../../shared/src/api/attachments.js'
import { AttachmentMediaTypes } from '../../../../../shared/src/attachments/sniff.js'
import type { CaseDetail } from '../../../../../shared/src/api/cases.js'
import { attachmentApi } from '../../../api/attachmentEndpoints.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'
import { fileProblem, megabytes } from '../../attachments/fileCheck.js'
import { errorText } from '../../errorText.js'
import { formatDate } from '../../format.js'
import './attachments.css'

export interface AttachmentsPanelProps {
  detail: CaseDetail
  offline: boolean
}

/**
 * The case's files (issue 20): work aids and checklists (S1), scanned
 * consent forms and releases from confidentiality. Everyone sees the ones
 * the shared rule lets them read (the server lists only those); coaches add
 * and delete. A file too large or of another type is named before the
 * upload starts — the server judges again by content.
 */
export function AttachmentsPanel({ detail, offline }: AttachmentsPanelProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const fileInput = useRef<HTMLInputElement>(null)
  const [reply, setReply] = useState<AttachmentsReply | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [category, setCategory] = useState<CaseAttachmentCategory | ''>('')

  const load = useCallback(async () => {
    try {
      setReply((await attachmentApi.list(detail.id)).data)
    } catch (err) {
      setError(errorText(t, err))
    }
  }, [detail.id, t])

  // Re-read when the case changes (a consent granted or revoked changes what the caller may read).
  useEffect(() => {
    void load()
  }, [load, detail])

  const mayUpload = (reply?.mayUpload ?? []).filter(isCaseAttachmentCategory)
  const chosenCategory = category === '' ? mayUpload[0] : category
  const size = (bytes: number): string => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(bytes < 1024 * 1024 ? bytes / 1024 : megabytes(bytes))

  const handleUpload = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    const file = fileInput.current?.files?.[0]
    setError(null)
    setStatus(null)
    if (file === undefined || chosenCategory === undefined || reply === null) {
      setError(t('attachments.chooseFile'))
      return
    }
    const problem = await fileProblem(t, file, reply.maxBytes)
    if (problem !== null) {
      setError(problem)
      return
    }
    setBusy(true)
    try {
      const stored = await attachmentApi.upload(detail.id, chosenCategory, file, file.name)
      setStatus(t('attachments.uploaded', { name: stored.name }))
      if (fileInput.current) {
        fileInput.current.value = ''
      }
      await load()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const handleDelete = async (attachmentId: string, name: string): Promise<void> => {
    setBusy(true)
    setError(null)
    setStatus(null)
    try {
      await attachmentApi.remove(detail.id, attachmentId)
      setStatus(t('attachments.deleted', { name }))
      await load()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="attachments" data-testid="attachments.panel">
      <h3 id={`${id}-h`}>{t('attachments.heading')}</h3>
      <p className="meta">{t('attachments.intro')}</p>
      <p role="status" className={status ? 'notice success' : undefined} data-testid="attachments.status">
        {status}
      </p>
      <ErrorAlert message={error} testId="attachments.error" />
      {reply === null ? null : reply.attachments.length === 0 ? (
        <p className="meta" data-testid="attachments.empty">
          {t('attachments.none')}
        </p>
      ) : (
        <ul className="attachment-list" data-testid="attachments.list">
          {reply.attachments.map((attachment) => (
            <li key={attachment.id} className="card" data-testid="attachments.item">
              <p className="attachment-name">
                <a href={attachment.contentUrl} download={attachment.name} data-testid="attachments.download">
                  {attachment.name}
                </a>
              </p>
              <p className="meta">
                {t(`attachments.category.${attachment.category}`)} ·{' '}
                {t(attachment.sizeBytes < 1024 * 1024 ? 'attachments.sizeKb' : 'attachments.sizeMb', { size: size(attachment.sizeBytes) })} ·{' '}
                {t('attachments.by', { name: attachment.uploadedByName, date: formatDate(attachment.uploadedAt.slice(0, 10), i18n.language) })}
              </p>
              {attachment.mayDelete ? (
                <button
                  type="button"
                  disabled={offline || busy}
                  onClick={() => void handleDelete(attachment.id, attachment.name)}
                  aria-label={t('attachments.deleteNamed', { name: attachment.name })}
                  data-testid="attachments.delete"
                >
                  {t('attachments.delete')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {mayUpload.length > 0 && reply !== null ? (
        <form className="attachment-form" onSubmit={(event) => void handleUpload(event)} data-testid="attachments.form">
          <h4>{t('attachments.add')}</h4>
          <label htmlFor={`${id}-category`}>{t('attachments.categoryLabel')}</label>
          <select id={`${id}-category`} value={chosenCategory} onChange={(event) => setCategory(event.target.value as CaseAttachmentCategory)} data-testid="attachments.category">
            {mayUpload.map((option) => (
              <option key={option} value={option}>
                {t(`attachments.category.${option}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-file`}>{t('attachments.fileLabel')}</label>
          <input
            id={`${id}-file`}
            ref={fileInput}
            type="file"
            accept={AttachmentMediaTypes.join(',')}
            aria-describedby={`${id}-limits`}
            data-testid="attachments.file"
          />
          <p id={`${id}-limits`} className="meta">
            {t('attachments.limits', { megabytes: megabytes(reply.maxBytes) })}
          </p>
          <button type="submit" disabled={offline || busy} data-testid="attachments.upload">
            {busy ? t('attachments.uploading') : t('attachments.upload')}
          </button>
        </form>
      ) : null}
    </section>
  )
}
