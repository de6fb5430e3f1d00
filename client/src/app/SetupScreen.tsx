import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api } from '../api/endpoints.js'
import { useAuth } from './AuthContext.js'
import { CredentialsForm, type Credentials } from './CredentialsForm.js'

export function SetupScreen() {
  const { t } = useTranslation()
  const { signedIn } = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const id = useId()
  const [token, setToken] = useState(params.get('token') ?? '')
  const [alreadyDone, setAlreadyDone] = useState(false)

  useEffect(() => {
    api
      .setupStatus()
      .then(({ data }) => setAlreadyDone(!data.needsSetup))
      .catch(() => setAlreadyDone(false))
  }, [])

  const setUp = async (credentials: Credentials): Promise<void> => {
    const { data } = await api.setup({ token, ...credentials })
    signedIn(data.user)
    await navigate('/', { replace: true })
  }

  if (alreadyDone) {
    return (
      <section className="narrow">
        <h1>{t('setup.title')}</h1>
        <p data-testid="setup.done">{t('setup.done')}</p>
        <Link to="/login">{t('setup.toLogin')}</Link>
      </section>
    )
  }

  return (
    <section className="narrow" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <CredentialsForm
        fields={['name', 'email', 'password']}
        passwordKind="new"
        submitLabel={t('setup.submit')}
        testIds={{ name: 'setup.name', email: 'setup.email', password: 'setup.password', submit: 'setup.submit', error: 'setup.error' }}
        onSubmit={setUp}
      >
        <label htmlFor={`${id}-token`}>{t('setup.token')}</label>
        <input
          id={`${id}-token`}
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby={`${id}-token-help`}
          data-testid="setup.token"
        />
        <small id={`${id}-token-help`}>{t('setup.tokenHelp')}</small>
      </CredentialsForm>
    </section>
  )
}
