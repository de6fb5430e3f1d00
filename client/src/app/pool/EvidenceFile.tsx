/**
 * The file of an evidence item (issue 20 point 2). The applicant uploads a
 * PDF or image to their own attachment store (the item's kind as its
 * category) and links it to the item; the server checks that it is theirs
 * and deletes the file it replaces. The applicant, the coordination office
 * and the Integrationsamt download it through the link.
 */
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { AttachmentMediaTypes } from '../../../../shared/src/attachments/sniff.js'
import type { ApiEvidenceItem, Application, EvidenceFile } from '../../../../shared/src/api/pool.js'
import { poolApi } from '../../api/poolEndpoints.js'
import { poolEvidenceApi } from '../../api/poolEvidenceEndpoints.js'
import { fileProblem, megabytes } from '../attachments/fileCheck.js'
import { errorText } from '../errorText.js'

/** The item's file as a download link with its size, or that there is none yet. */
export function EvidenceFileLink({ file }: { file: EvidenceFile | null }) {
  const { t, i18n } = useTranslation()
  if (file === null) {
    return <span className="meta">{t('pool.evidence.noFile')}</span>
  }
  const small = file.sizeBytes < 1024 * 1024
  const size = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(small ? file.sizeBytes / 1024 : megabytes(file.sizeBytes))
  return (
    <span>
      {t('pool.evidence.file')}{' '}
      <a href={file.contentUrl} download={file.name} data-testid="pool.evidence.download">
        {file.name}
      </a>{' '}
      ({t(small ? 'attachments.sizeKb' : 'attachments.sizeMb', { size })})
    </span>
  )
}

export interface EvidenceFileFormProps {
  item: ApiEvidenceItem
  /** The applicant's account: the owner of the files. */
  userId: string
  maxBytes: number
  onChanged: (application: Application, notice: string) => void
  onFailed: (message: string) => void
}

/** Uploads a file for one unconfirmed item (or replaces its file). A plain labelled file input: keyboard and screen reader work as usual. */
export function EvidenceFileForm({ item, userId, maxBytes, onChanged, onFailed }: EvidenceFileFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)

  const upload = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    const file = input.current?.files?.[0]
    const problem = await fileProblem(t, file, maxBytes)
    if (problem !== null || file === undefined) {
      onFailed(problem ?? t('attachments.chooseFile'))
      return
    }
    setBusy(true)
    try {
      const stored = await poolEvidenceApi.upload(userId, item.kind, file, file.name)
      try {
        const { data } = await poolApi.setEvidenceFile(item.id, stored.id)
        onChanged(data.application, t('pool.evidence.fileAttached', { name: stored.name, description: item.description }))
      } catch (err) {
        // Not linked (the item went meanwhile, or the application was decided): the upload would only sit there.
        await poolEvidenceApi.remove(userId, stored.id).catch(() => undefined)
        throw err
      }
      if (input.current) {
        input.current.value = ''
      }
    } catch (err) {
      onFailed(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="evidence-file" onSubmit={(event) => void upload(event)} data-testid="pool.evidence.fileForm">
      <label htmlFor={`${id}-file`}>{t('pool.evidence.fileLabel', { description: item.description })}</label>
      <input id={`${id}-file`} ref={input} type="file" accept={AttachmentMediaTypes.join(',')} aria-describedby={`${id}-limits`} data-testid="pool.evidence.file" />
      <span id={`${id}-limits`} className="hint">
        {t('attachments.limits', { megabytes: megabytes(maxBytes) })}
      </span>
      <div className="button-row">
        <button
          type="submit"
          className="small"
          disabled={busy}
          aria-label={t(item.file === null ? 'pool.evidence.uploadLabel' : 'pool.evidence.replaceLabel', { description: item.description })}
          data-testid="pool.evidence.upload"
        >
          {busy ? t('attachments.uploading') : t(item.file === null ? 'pool.evidence.upload' : 'pool.evidence.replace')}
        </button>
      </div>
    </form>
  )
}
