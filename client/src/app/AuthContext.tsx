import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { User } from '../../../shared/src/api/users.js'
import { api } from '../api/endpoints.js'
import { ApiError } from '../api/errors.js'
import { clearUserReplies, setLastUserId, storeReply } from '../api/offlineCache.js'
import { onBackOnline } from '../api/reachability.js'
import { deleteUserData } from '../sync/localData.js'

export type AuthStatus = 'loading' | 'anonymous' | 'signedIn'

export interface AuthValue {
  status: AuthStatus
  user: User | null
  /** `me` came from the offline cache. */
  offline: boolean
  /** Marks the user as logged in after login or setup. */
  signedIn: (user: User) => void
  /** Server session gone (401 / close code 4401): keep local data, ask to log in. */
  sessionEnded: () => void
  /** Logs out and deletes the user's local data. */
  logout: () => Promise<void>
  sessionEndedFlag: boolean
}

const AuthContext = createContext<AuthValue | null>(null)

function remember(user: User): void {
  setLastUserId(user.id)
  storeReply(user.id, '/api/me', { user })
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading')
  const [user, setUser] = useState<User | null>(null)
  const [offline, setOffline] = useState(false)
  const [sessionEndedFlag, setSessionEndedFlag] = useState(false)

  useEffect(() => {
    let cancelled = false
    api
      .me()
      .then(({ data, fromCache }) => {
        if (cancelled) {
          return
        }
        if (!fromCache) {
          remember(data.user)
        }
        setUser(data.user)
        setOffline(fromCache)
        setStatus('signedIn')
      })
      .catch((err: unknown) => {
        if (cancelled) {
          return
        }
        if (err instanceof ApiError && err.status === 401) {
          setUser(null)
        }
        setStatus('anonymous')
      })
    return () => {
      cancelled = true
    }
  }, [])

  // Back online (or the server answered late) after starting from the offline cache: confirm the session.
  useEffect(() => {
    if (!offline) {
      return undefined
    }
    const handleOnline = (): void => {
      api
        .me()
        .then(({ data, fromCache }) => {
          if (!fromCache) {
            remember(data.user)
            setUser(data.user)
            setOffline(false)
          }
        })
        .catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 401) {
            setUser(null)
            setSessionEndedFlag(true)
            setStatus('anonymous')
          }
        })
    }
    return onBackOnline(handleOnline)
  }, [offline])

  const signedIn = useCallback((next: User) => {
    remember(next)
    setUser(next)
    setOffline(false)
    setSessionEndedFlag(false)
    setStatus('signedIn')
  }, [])

  const sessionEnded = useCallback(() => {
    setUser(null)
    setSessionEndedFlag(true)
    setStatus('anonymous')
  }, [])

  const logout = useCallback(async () => {
    const leaving = user
    try {
      await api.logout()
    } catch {
      // Offline or already logged out: local data is deleted anyway.
    }
    setUser(null)
    setStatus('anonymous')
    if (leaving) {
      clearUserReplies(leaving.id)
      // Let the case screen unmount and close its databases first.
      await new Promise((resolve) => setTimeout(resolve, 0))
      await deleteUserData(leaving.id)
    }
  }, [user])

  const value = useMemo<AuthValue>(
    () => ({ status, user, offline, signedIn, sessionEnded, logout, sessionEndedFlag }),
    [status, user, offline, signedIn, sessionEnded, logout, sessionEndedFlag],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext)
  if (!value) {
    throw new Error('useAuth outside AuthProvider')
  }
  return value
}

/** The logged-in user; only inside routes guarded by RequireUser. */
export function useUser(): User {
  const { user } = useAuth()
  if (!user) {
    throw new Error('useUser without a user')
  }
  return user
}
