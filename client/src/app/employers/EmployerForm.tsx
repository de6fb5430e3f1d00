/** Adding or changing a directory employer (issue 19, B5): name, sector, address, contacts, notes. Past placements come from the case logs. */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { JobSearchLimits, type Employer, type EmployerContact, type SaveEmployerBody } from '../../../../shared/src/api/jobSearch.js'
import { jobSearchApi } from '../../api/jobSearchEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'

const noContact: EmployerContact = { name: '', function: '', phone: '', email: '' }

export function EmployerForm({ editing, onSaved, onCancel }: { editing: Employer | null; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [name, setName] = useState(editing?.name ?? '')
  const [sector, setSector] = useState(editing?.sector ?? '')
  const [address, setAddress] = useState(editing?.address ?? '')
  const [notes, setNotes] = useState(editing?.notes ?? '')
  const [contacts, setContacts] = useState<EmployerContact[]>(editing?.contacts.length ? editing.contacts : [noContact])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const setContact = (index: number, key: keyof EmployerContact, value: string): void =>
    setContacts((current) => current.map((contact, at) => (at === index ? { ...contact, [key]: value } : contact)))

  const handleSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const body: SaveEmployerBody = {
      name,
      sector,
      address,
      notes,
      contacts: contacts.filter((contact) => contact.name.trim() !== ''),
      placements: editing?.placements ?? [],
    }
    try {
      await (editing === null ? jobSearchApi.addEmployer(body) : jobSearchApi.changeEmployer(editing.id, body))
      onSaved()
    } catch (err) {
      setError(errorText(t, err))
    } finally {
      setBusy(false)
    }
  }

  const field = (part: string): string => `${id}-${part}`
  return (
    <form className="form card" aria-labelledby={field('h')} onSubmit={(event) => void handleSubmit(event)} data-testid="employers.form">
      <h2 id={field('h')}>{t(editing === null ? 'employers.addHeading' : 'employers.editHeading')}</h2>
      <label htmlFor={field('name')}>{t('employers.field.name')}</label>
      <input id={field('name')} required value={name} maxLength={JobSearchLimits.maxNameLength} onChange={(event) => setName(event.target.value)} data-testid="employers.name" />
      <label htmlFor={field('sector')}>{t('employers.field.sector')}</label>
      <input id={field('sector')} value={sector} maxLength={JobSearchLimits.maxNameLength} onChange={(event) => setSector(event.target.value)} data-testid="employers.sector" />
      <label htmlFor={field('address')}>{t('employers.field.address')}</label>
      <textarea id={field('address')} rows={2} value={address} maxLength={JobSearchLimits.maxTextLength} onChange={(event) => setAddress(event.target.value)} />
      {contacts.map((contact, index) => (
        <fieldset key={index}>
          <legend>{t('employers.contactLegend', { number: index + 1 })}</legend>
          <label htmlFor={field(`c${index}-name`)}>{t('employers.field.contactName')}</label>
          <input
            id={field(`c${index}-name`)}
            value={contact.name}
            maxLength={JobSearchLimits.maxNameLength}
            onChange={(event) => setContact(index, 'name', event.target.value)}
            data-testid="employers.contact-name"
          />
          <label htmlFor={field(`c${index}-function`)}>{t('employers.field.contactFunction')}</label>
          <input id={field(`c${index}-function`)} value={contact.function} maxLength={JobSearchLimits.maxNameLength} onChange={(event) => setContact(index, 'function', event.target.value)} />
          <label htmlFor={field(`c${index}-phone`)}>{t('employers.field.contactPhone')}</label>
          <input id={field(`c${index}-phone`)} type="tel" value={contact.phone} maxLength={JobSearchLimits.maxNameLength} onChange={(event) => setContact(index, 'phone', event.target.value)} />
          <label htmlFor={field(`c${index}-email`)}>{t('employers.field.contactEmail')}</label>
          <input id={field(`c${index}-email`)} type="email" value={contact.email} maxLength={JobSearchLimits.maxNameLength} onChange={(event) => setContact(index, 'email', event.target.value)} />
        </fieldset>
      ))}
      {contacts.length < JobSearchLimits.maxContacts ? (
        <button type="button" onClick={() => setContacts((current) => [...current, noContact])}>
          {t('employers.addContact')}
        </button>
      ) : null}
      <label htmlFor={field('notes')}>{t('employers.field.notes')}</label>
      <textarea id={field('notes')} rows={3} value={notes} maxLength={JobSearchLimits.maxTextLength} onChange={(event) => setNotes(event.target.value)} aria-describedby={field('notes-hint')} />
      <p className="meta" id={field('notes-hint')}>
        {t('employers.notesHint')}
      </p>
      <ErrorAlert message={error} testId="employers.error" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="employers.save">
          {t('employers.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('employers.cancel')}
        </button>
      </div>
    </form>
  )
}
