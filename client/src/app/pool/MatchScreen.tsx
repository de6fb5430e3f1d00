/**
 * /pool/match/:requestId: the coordinator records what a request needs,
 * reads the ranked pool coaches with the reasons of each rank, and proposes
 * a tandem; the proposals' answers show here, and the case once both
 * accepted.
 */
import './pool.css'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { Specialisations, type MatchingReply, type Specialisation } from '../../../../shared/src/api/pool.js'
import { poolApi } from '../../api/poolEndpoints.js'
import { ErrorAlert } from '../../components/ErrorAlert.js'
import { errorText } from '../errorText.js'
import { CheckField, CheckGroup, joinList, Section, SelectField, splitList, TextField } from './poolFields.js'

export function MatchScreen() {
  const { t } = useTranslation()
  const { requestId = '' } = useParams()
  const [matching, setMatching] = useState<MatchingReply | null>(null)
  const [postcode, setPostcode] = useState('')
  const [caseType, setCaseType] = useState<'placement' | 'retention'>('retention')
  const [hours, setHours] = useState('4')
  const [specialisations, setSpecialisations] = useState<Specialisation[]>([])
  const [languages, setLanguages] = useState('de')
  const [chosen, setChosen] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const load = useCallback(() => {
    poolApi
      .matching(requestId)
      .then(({ data }) => {
        setMatching(data)
        if (data.needs !== null) {
          setPostcode(data.needs.postcode)
          setCaseType(data.needs.caseType)
          setHours(String(data.needs.hoursPerWeek))
          setSpecialisations(data.needs.specialisations)
          setLanguages(joinList(data.needs.languages))
        }
      })
      .catch((err: unknown) => setError(errorText(t, err)))
  }, [requestId, t])
  useEffect(load, [load])

  const saveNeeds = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setError(null)
    try {
      await poolApi.setNeeds(requestId, { postcode, caseType, hoursPerWeek: Number(hours), specialisations, languages: splitList(languages) })
      setNotice(t('pool.match.needsSaved'))
      load()
    } catch (err) {
      setError(errorText(t, err))
    }
  }
  const propose = async (): Promise<void> => {
    setError(null)
    try {
      await poolApi.propose(requestId, chosen)
      setNotice(t('pool.match.proposed'))
      load()
    } catch (err) {
      setError(errorText(t, err))
    }
  }
  return (
    <div className="stack pool-match">
      <p>
        <Link to="/pool/office">{t('pool.office.back')}</Link>
      </p>
      <h1>{t('pool.match.title')}</h1>
      <p role="status" data-testid="pool.match.notice">
        {notice}
      </p>
      <ErrorAlert message={error} testId="pool.match.error" />
      <form onSubmit={(event) => void saveNeeds(event)} className="stack" aria-label={t('pool.match.needs')}>
        <Section title={t('pool.match.needs')}>
          <p>{t('pool.match.needsIntro')}</p>
          <TextField label={t('pool.match.postcode')} value={postcode} onChange={setPostcode} testId="pool.match.postcode" />
          <SelectField label={t('pool.match.caseType')} value={caseType} options={['placement', 'retention'] as const} optionLabel={(value) => t(`pool.caseType.${value}`)} onChange={setCaseType} testId="pool.match.caseType" />
          <TextField label={t('pool.match.hours')} type="number" value={hours} onChange={setHours} testId="pool.match.hours" />
          <CheckGroup legend={t('pool.match.specialisations')} options={Specialisations} selected={specialisations} optionLabel={(value) => t(`pool.specialisation.${value}`)} onChange={setSpecialisations} testId="pool.match.specialisations" />
          <TextField label={t('pool.profile.languages')} value={languages} onChange={setLanguages} testId="pool.match.languages" />
          <div className="button-row">
            <button type="submit" data-testid="pool.match.saveNeeds">
              {t('pool.match.saveNeeds')}
            </button>
          </div>
        </Section>
      </form>
      {matching !== null && matching.needs !== null ? (
        <Section title={t('pool.match.ranking')} testId="pool.match.ranking">
          {matching.ranking.length === 0 ? <p>{t('pool.match.noCandidates')}</p> : null}
          <ol className="stack">
            {matching.ranking.map((entry) => (
              <li key={entry.userId} data-testid="pool.match.candidate">
                <CheckField
                  label={t('pool.match.candidate', { name: entry.name, score: entry.score })}
                  checked={chosen.includes(entry.userId)}
                  onChange={(checked) => setChosen(checked ? [...chosen, entry.userId].slice(-2) : chosen.filter((userId) => userId !== entry.userId))}
                  testId={`pool.match.choose-${entry.name}`}
                />
                <ul aria-label={t('pool.match.reasons', { name: entry.name })}>
                  {entry.reasons.map((reason) => (
                    <li key={reason.factor}>
                      {t(`pool.factor.${reason.factor}`)}: {t(`pool.reason.${reason.factor}.${reason.detail}`)} ({reason.points > 0 ? '+' : ''}
                      {reason.points})
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <div className="button-row">
            <button type="button" className="primary" disabled={chosen.length === 0} onClick={() => void propose()} data-testid="pool.match.propose">
              {t('pool.match.propose')}
            </button>
          </div>
        </Section>
      ) : null}
      {matching !== null && matching.proposals.length > 0 ? (
        <Section title={t('pool.match.proposals')} testId="pool.match.proposals">
          <ul>
            {matching.proposals.map((proposal) => (
              <li key={proposal.id} data-testid="pool.match.proposal">
                {proposal.name}: {t(`pool.proposalStatus.${proposal.status}`)}
              </li>
            ))}
          </ul>
          {matching.caseId !== null ? <p data-testid="pool.match.case">{t('pool.match.caseCreated')}</p> : null}
        </Section>
      ) : null}
    </div>
  )
}
