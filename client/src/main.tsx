import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { registerSW } from 'virtual:pwa-register'
import { applyServiceSettings } from './i18n/index.js'
import './styles.css'
import { api } from './api/endpoints.js'
import { lastUserId } from './api/offlineCache.js'
import { App } from './app/App.js'
import { readCaseCopiesEarly } from './sync/earlyLocalRead.js'

// A reloaded case page reads its local copies while React renders the app (sync/earlyLocalRead.ts).
readCaseCopiesEarly(window.location.pathname, lastUserId())

// The service's country and coachee term (issue 19), before anyone logs in; offline the last known ones stay.
api
  .setupStatus()
  .then(({ data }) => {
    if (data.service) {
      applyServiceSettings(data.service)
    }
  })
  .catch(() => undefined)

// The service worker precaches the app shell so a case page reloads offline.
registerSW({ immediate: true })

const container = document.getElementById('root')
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
