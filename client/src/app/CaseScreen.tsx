import { useParams } from 'react-router'
import { CaseLayout } from './case/screen/CaseLayout.js'
import { CaseSessionProvider } from './case/session/CaseSessionProvider.js'

/**
 * `/cases/:caseId`: the case session (the case, its rooms, its resources kept
 * fresh by the case's events) around the case screen's layout. Keyed by the
 * case: another case starts with its own tabs, panels and state.
 */
export function CaseScreen() {
  const { caseId = '' } = useParams()
  return (
    <CaseSessionProvider key={caseId} caseId={caseId}>
      <CaseLayout />
    </CaseSessionProvider>
  )
}
