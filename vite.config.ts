import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const backend = 'http://127.0.0.1:8080'

export default defineConfig({
  root: 'client',
  // Screens other than login, case list and case load on first use (client/src/app/lazyScreens.ts);
  // the main chunk (the case: tiptap, React, Yjs) stays above Vite's 500 kB warning, and is precached.
  build: { outDir: '../dist/client', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // Registered in main.tsx through virtual:pwa-register.
      injectRegister: null,
      manifest: {
        name: 'Fallbuch',
        short_name: 'Fallbuch',
        description: 'Fallakte für Jobcoaching am Arbeitsplatz',
        lang: 'de',
        start_url: '/',
        display: 'standalone',
        background_color: '#f7f7f5',
        theme_color: '#23527c',
        // Chromium offers to install the app only with a 192 and a 512 px icon; the maskable one fills
        // the round or squircle shape a phone's launcher cuts (its content inside the safe zone).
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        // Every app route loads the shell offline; API, sync and ops endpoints never do.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/sync(\/|$)/, /^\/healthz/, /^\/metrics/],
        cleanupOutdatedCaches: true,
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
    }),
  ],
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/sync': { target: backend, ws: true },
      '/healthz': { target: backend },
    },
  },
})
