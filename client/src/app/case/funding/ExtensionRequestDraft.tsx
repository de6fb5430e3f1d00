import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { extensionRequestText, type ExtensionRequestInput } from '../../../../../shared/src/funding/extensionRequest.js'
import { ErrorAlert } from '../../../components/ErrorAlert.js'

/** The UI language as the draft's language. */
function draftLanguage(language: string): 'de' | 'de-CH' | 'en' {
  return language === 'en' || language === 'de-CH' ? language : 'de'
}

/**
 * The request for extension drafted from the case: a text the coach
 * finishes here, then copies or prints (nothing is sent). "Neu entwerfen"
 * replaces the text with a fresh draft from the case as it is now.
 */
export function ExtensionRequestDraft({ input }: { input: ExtensionRequestInput }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const area = useRef<HTMLTextAreaElement>(null)
  const [text, setText] = useState<string | null>(null)
  const [copied, setCopied] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const draft = (): void => {
    setText(extensionRequestText(input, draftLanguage(i18n.language)))
    setCopied(false)
    // The text area appears with the draft; focus moves into it for finishing.
    window.setTimeout(() => area.current?.focus(), 0)
  }

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text ?? '')
      setCopied(true)
    } catch {
      area.current?.focus()
      area.current?.select()
      setError(t('funding.copyFailed'))
    }
  }

  const print = (): void => {
    const page = window.open('', '_blank')
    if (page === null) {
      setError(t('funding.printBlocked'))
      return
    }
    page.document.title = t('funding.draftHeading')
    const pre = page.document.createElement('pre')
    pre.style.whiteSpace = 'pre-wrap'
    pre.style.font = '12pt/1.5 serif'
    pre.textContent = text ?? ''
    page.document.body.append(pre)
    page.print()
  }

  return (
    <section aria-labelledby={`${id}-h`} className="card" data-testid="funding.draft">
      <h3 id={`${id}-h`}>{t('funding.draftHeading')}</h3>
      <p className="meta">{t('funding.draftIntro')}</p>
      <div className="button-row">
        <button type="button" onClick={draft} data-testid="funding.draft-make">
          {t(text === null ? 'funding.draftMake' : 'funding.draftRemake')}
        </button>
      </div>
      {text !== null ? (
        <>
          <label htmlFor={`${id}-text`}>{t('funding.draftText')}</label>
          <textarea id={`${id}-text`} ref={area} rows={18} value={text} onChange={(event) => setText(event.target.value)} data-testid="funding.draft-text" />
          <div className="button-row">
            <button type="button" onClick={() => void copy()} data-testid="funding.draft-copy">
              {t('funding.draftCopy')}
            </button>
            <button type="button" onClick={print} data-testid="funding.draft-print">
              {t('funding.draftPrint')}
            </button>
          </div>
          {copied ? (
            <p role="status" className="meta">
              {t('funding.draftCopied')}
            </p>
          ) : null}
        </>
      ) : null}
      <ErrorAlert message={error} />
    </section>
  )
}
