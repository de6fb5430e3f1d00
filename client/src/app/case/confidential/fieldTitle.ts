import type { TFunction } from 'i18next'
import type { ConfidentialField } from '../../../../../shared/src/caseDocument/confidential.js'

/**
 * A confidential field's name: the coachee's plain words (`plain.fieldTitle`)
 * or the professionals' term (`confidentialPanel.title`), which the plain
 * screens show beside the plain words as secondary text.
 */
export function fieldTitle(t: TFunction, field: ConfidentialField, plain: boolean): string {
  return t(plain ? `plain.fieldTitle.${field}` : `confidentialPanel.title.${field}`)
}
