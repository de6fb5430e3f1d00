import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { registerSW } from 'virtual:pwa-register'
import './i18n/index.js'
import './styles.css'
import { App } from './app/App.js'

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
