import { useEffect, useState } from 'react'
import { desk } from './api/desk'

export function App() {
  const [text, setText] = useState('Loading…')
  useEffect(() => {
    void desk.invoke('setup.status', {}).then((r) => setText(r.ok ? (r.value.center?.name ?? 'Not set up') : r.error.message))
  }, [])
  return <main>{text}</main>
}
