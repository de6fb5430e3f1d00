import { useEffect, useState } from 'react'

/** The width below which the layout is a phone's (the same breakpoint as the stylesheets' `max-width: 40rem`). */
export const PhoneQuery = '(max-width: 40rem)'

function phoneQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(PhoneQuery) : null
}

/** Whether the window is phone-narrow now; follows rotation and resizing. */
export function usePhoneWidth(): boolean {
  const [phone, setPhone] = useState(() => phoneQuery()?.matches ?? false)
  useEffect(() => {
    const query = phoneQuery()
    if (query === null) {
      return undefined
    }
    const update = (): void => setPhone(query.matches)
    update()
    query.addEventListener('change', update)
    return () => query.removeEventListener('change', update)
  }, [])
  return phone
}
