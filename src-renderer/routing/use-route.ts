/** The current route, following the address bar, and a way to go elsewhere. */
import { useMemo, useSyncExternalStore } from 'react'
import { parseHash, type Route, type Screen, toHash } from './route'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

const readHash = () => window.location.hash

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, readHash)
  return useMemo(() => parseHash(hash), [hash])
}

export function navigate(screen: Screen, params: Record<string, string> = {}, replace = false): void {
  const hash = toHash({ screen, params })
  if (replace) window.history.replaceState(null, '', hash)
  else window.location.hash = hash
  // replaceState fires no hashchange: tell the listeners ourselves.
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'))
}

/** `navigate` itself: a module function, the same at every draw. */
export function useNavigate(): typeof navigate {
  return navigate
}
