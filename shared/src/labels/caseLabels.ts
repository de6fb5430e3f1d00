/**
 * Words of a case written once (issue 16): roles, confidential fields, the
 * change log's sentences, consent states. The client's i18n takes these
 * sections from here (client/src/i18n/resources.ts), and the data export
 * (server/src/export/) reads the same texts, so a person reads the same
 * words on screen and in their export. Placeholders: i18next's `{{name}}`.
 */
import type { CaseAttachmentCategory } from '../api/attachments.js'
import type { AuditEventType } from '../api/audit.js'
import type { ConfidentialField } from '../caseDocument/confidential.js'
import type { CaseRole } from '../policy/access.js'
import type { ReportLanguage } from '../report/labels.js'

export interface CaseLabels {
  /** A member's role in a case. */
  roles: Record<CaseRole, string>
  /** The confidential fields' names. */
  confidential: Record<ConfidentialField, string>
  audit: {
    /** An event's short name (the filter's words). */
    type: Record<AuditEventType, string>
    /** An event as a sentence: `{{who}}` did it; `{{whom}}`, `{{role}}`, `{{field}}`, … from its details. */
    sentence: Record<AuditEventType, string>
    /** A person added themselves (accepting an invitation). */
    joined: string
    /** Who acted when no person did. */
    system: string
    /** Someone the log names by id only, when their name is not known. */
    someone: string
    /** A room as the object of "opened" (with its article). */
    roomObject: { plan: string; notes: string; profile: string; confidential: string; supervisionCopy: string; supervisionDiscussion: string }
    /** How a room was opened. */
    access: { read: string; write: string }
    /** A restored document (genitive). */
    restoredDoc: { plan: string; notes: string }
    /** How consent was given. */
    evidence: { inApp: string; signedForm: string }
    /** The export's format. */
    exportFormat: { json: string; html: string }
    /** What changed in the case (caseUpdated). */
    changes: {
      employerCanEditOn: string
      employerCanEditOff: string
      title: string
      type: string
      typeChanged: string
      other: string
      /** The case's own flow set (issue 19), naming it; back to the service's default. */
      flow: { de: string; ch: string; serviceDefault: string }
    }
    /** An account deactivated or reactivated. */
    account: { active: string; inactive: string; changed: string }
    /** What approvalRecorded recorded (with its article). */
    approval: { approval: string; extension: string; correction: string }
    /** The kind of a case's attachment (issue 20), as the log names it. */
    attachmentCategory: Record<CaseAttachmentCategory, string>
  }
  /** A consent grant's state. */
  consentState: { active: string; revoked: string; lapsed: string }
}

const de: CaseLabels = {
  roles: { coach: 'Jobcoach', employer: 'Arbeitgeber*in', coachee: 'Coachee', guardian: 'rechtliche Betreuung' },
  confidential: {
    diagnosis: 'Diagnose',
    medication: 'Medikation',
    healthRestrictions: 'gesundheitliche Einschränkungen',
    financialSituation: 'finanzielle Situation',
    privateCircumstances: 'private Umstände',
    releaseFromConfidentiality: 'Schweigepflichtentbindung',
  },
  audit: {
    type: {
      login: 'Anmeldung',
      roomOpened: 'Bereich geöffnet',
      memberAdded: 'Beteiligte*n hinzugefügt',
      memberRemoved: 'Beteiligte*n entfernt',
      caseUpdated: 'Fall geändert',
      invitationCreated: 'Einladung erstellt',
      invitationAccepted: 'Einladung angenommen',
      invitationRevoked: 'Einladung zurückgezogen',
      invitationRenewed: 'Einladungslink erneuert',
      invitationAcceptFailed: 'Einladung: Annahme abgelehnt',
      accessLinkCreated: 'Neuer Zugangslink erstellt',
      passwordResetWithLink: 'Neues Passwort über Zugangslink',
      agreementGiven: 'Zustimmung zur Maßnahmeplanung',
      accountChanged: 'Konto geändert',
      consentGranted: 'Einwilligung erteilt',
      consentRevoked: 'Einwilligung widerrufen',
      consentLapsed: 'Einwilligung abgelaufen',
      caseClosed: 'Fall abgeschlossen',
      dataExported: 'Datenauskunft heruntergeladen',
      supervisionCopyCreated: 'Supervisionskopie erstellt',
      supervisionCopyReleased: 'Supervisionskopie freigegeben',
      finalReportExported: 'Anonymisierter Abschlussbericht für den Jobcoach-Pool',
      versionRestored: 'Frühere Fassung wiederhergestellt',
      coachReassigned: 'Fall übergeben',
      substituteCoachAdded: 'Vertretung hinzugefügt',
      agreementRestamped: 'Zustimmung auf neue Prüfsumme umgestellt',
      releaseRecorded: 'Schweigepflichtentbindung erfasst',
      releaseRevoked: 'Schweigepflichtentbindung widerrufen',
      releaseLapsed: 'Schweigepflichtentbindung abgelaufen',
      fundingChanged: 'Finanzierung geändert',
      approvalRecorded: 'Bewilligung erfasst',
      invoiceIssued: 'Rechnung gestellt',
      invoiceCancelled: 'Rechnung storniert',
      hoursMonthConfirmed: 'Stundennachweis bestätigt',
      attachmentUploaded: 'Anhang hinzugefügt',
      attachmentDownloaded: 'Anhang heruntergeladen',
      attachmentDeleted: 'Anhang gelöscht',
      requestAccepted: 'Anfrage angenommen',
      poolClassified: 'Pool: eingestuft',
      poolAdmissionApproved: 'Pool: Aufnahme zugestimmt',
      poolAdmitted: 'Pool: aufgenommen',
      poolDeclined: 'Pool: abgelehnt',
      poolDataErased: 'Pool: Daten gelöscht',
      poolInvitationCreated: 'Pool: eingeladen',
      poolInvitationAccepted: 'Pool: Einladung angenommen',
      jobSearchEntryAdded: 'Bewerbung oder Kontakt erfasst',
      jobSearchEntryChanged: 'Bewerbung oder Kontakt geändert',
    },
    sentence: {
      login: '{{who}} hat sich angemeldet.',
      roomOpened: '{{who}} hat {{room}} {{access}} geöffnet.',
      memberAdded: '{{who}} hat {{whom}} als {{role}} zum Fall hinzugefügt.',
      memberRemoved: '{{who}} hat {{whom}} ({{role}}) aus dem Fall entfernt.',
      caseUpdated: '{{who}} hat den Fall geändert: {{changes}}.',
      invitationCreated: '{{who}} hat eine Einladung als {{role}} erstellt.',
      invitationAccepted: '{{who}} hat die Einladung als {{role}} angenommen.',
      invitationRevoked: '{{who}} hat eine Einladung zurückgezogen.',
      invitationRenewed: '{{who}} hat einer Einladung einen neuen Link gegeben.',
      invitationAcceptFailed: 'Jemand hat vergeblich versucht, eine Einladung anzunehmen.',
      accessLinkCreated: '{{who}} hat einen neuen Zugangslink für {{whom}} erstellt.',
      passwordResetWithLink: '{{who}} hat mit einem Zugangslink ein neues Passwort gesetzt.',
      agreementGiven: '{{who}} hat der Maßnahmeplanung zugestimmt (Fassung {{hash}}).',
      accountChanged: '{{who}} hat das Konto von {{whom}} {{account}}.',
      consentGranted: '{{who}} hat eingewilligt: {{whom}} darf „{{field}}“ lesen ({{evidence}}).',
      consentRevoked: '{{who}} hat die Einwilligung widerrufen: {{whom}} darf „{{field}}“ nicht mehr lesen.',
      consentLapsed: 'Die Einwilligung ist abgelaufen: {{whom}} darf „{{field}}“ nicht mehr lesen.',
      caseClosed: '{{who}} hat den Fall abgeschlossen.',
      dataExported: '{{who}} hat die Datenauskunft für {{whom}} heruntergeladen ({{format}}).',
      supervisionCopyCreated: '{{who}} hat eine anonymisierte Kopie für die Supervision erstellt.',
      supervisionCopyReleased: '{{who}} hat eine anonymisierte Kopie an eine Supervisionsgruppe freigegeben.',
      finalReportExported: '{{who}} hat den anonymisierten Abschlussbericht für die eigene Bewerbung im Jobcoach-Pool freigegeben.',
      versionRestored: '{{who}} hat eine frühere Fassung {{doc}} wiederhergestellt.',
      agreementRestamped: '{{who}} hat eine Zustimmung auf die neue Prüfsumme umgestellt (Fassung {{hash}}, vorher {{previous}}); der Inhalt ist unverändert.',
      releaseRecorded: '{{who}} hat eine Schweigepflichtentbindung erfasst ({{evidence}}).',
      releaseRevoked: '{{who}} hat eine Schweigepflichtentbindung widerrufen.',
      releaseLapsed: 'Eine Schweigepflichtentbindung ist abgelaufen.',
      coachReassigned: '{{who}} hat den Fall von {{from}} an {{whom}} übergeben.',
      substituteCoachAdded: '{{who}} hat {{whom}} als Vertretung zum Fall hinzugefügt.',
      fundingChanged: '{{who}} hat Leistungsträger, Aktenzeichen oder einleitende Stelle des Falls geändert.',
      approvalRecorded: '{{who}} hat {{approval}} erfasst.',
      invoiceIssued: '{{who}} hat die Rechnung {{number}} für {{month}} gestellt.',
      invoiceCancelled: '{{who}} hat die Rechnung {{cancels}} mit der Stornorechnung {{number}} storniert.',
      hoursMonthConfirmed: '{{who}} hat den Stundennachweis {{month}} als {{role}} bestätigt.',
      attachmentUploaded: '{{who}} hat einen Anhang hinzugefügt ({{category}}).',
      attachmentDownloaded: '{{who}} hat einen Anhang heruntergeladen ({{category}}).',
      attachmentDeleted: '{{who}} hat einen Anhang gelöscht ({{category}}).',
      requestAccepted: '{{who}} hat die Anfrage angenommen; aus ihr ist dieser Fall entstanden.',
      poolClassified: '{{who}} hat eine Bewerbung für den Jobcoach-Pool eingestuft.',
      poolAdmissionApproved: '{{who}} hat der Aufnahme in den Jobcoach-Pool zugestimmt.',
      poolAdmitted: 'Die Aufnahme in den Jobcoach-Pool ist beschlossen.',
      poolDeclined: '{{who}} hat eine Bewerbung für den Jobcoach-Pool abgelehnt.',
      poolDataErased: '{{who}} hat die Pool-Daten eines Kontos gelöscht.',
      poolInvitationCreated: '{{who}} hat einen freiberuflichen Jobcoach zur Bewerbung eingeladen.',
      poolInvitationAccepted: '{{who}} hat die Einladung in den Jobcoach-Pool angenommen.',
      jobSearchEntryAdded: '{{who}} hat eine Bewerbung oder einen Kontakt in der Stellensuche erfasst.',
      jobSearchEntryChanged: '{{who}} hat eine Bewerbung oder einen Kontakt in der Stellensuche geändert.',
    },
    joined: '{{who}} ist dem Fall als {{role}} beigetreten.',
    system: 'Fallbuch (automatisch)',
    someone: 'eine Person',
    roomObject: {
      plan: 'die Maßnahmeplanung',
      notes: 'die Phasennotizen',
      profile: 'das Berufsprofil',
      confidential: 'die vertrauliche Angabe „{{field}}“',
      supervisionCopy: 'eine Supervisionskopie',
      supervisionDiscussion: 'eine Supervisionsbesprechung',
    },
    access: { read: 'zum Lesen', write: 'zum Bearbeiten' },
    restoredDoc: { plan: 'der Maßnahmeplanung', notes: 'der Phasennotizen' },
    evidence: { inApp: 'in der App', signedForm: 'unterschriebenes Formular' },
    exportFormat: { json: 'als Datei', html: 'als lesbare Seite' },
    changes: {
      employerCanEditOn: 'Arbeitgeber*in darf mitbearbeiten',
      employerCanEditOff: 'Arbeitgeber*in darf nicht mehr mitbearbeiten',
      title: 'Titel',
      type: 'Art: {{type}}',
      typeChanged: 'Art',
      other: 'Einstellungen',
      flow: { de: 'Ablauf: Deutschland', ch: 'Ablauf: Schweiz', serviceDefault: 'Ablauf wie im Dienst voreingestellt' },
    },
    account: { active: 'wieder freigeschaltet', inactive: 'gesperrt', changed: 'geändert' },
    approval: { approval: 'eine Bewilligung', extension: 'eine Verlängerung', correction: 'eine Korrektur einer Bewilligung' },
    attachmentCategory: {
      consentForm: 'unterschriebene Einwilligung',
      releaseFromConfidentiality: 'Schweigepflichtentbindung',
      workAid: 'Hilfsmittel oder Checkliste',
    },
  },
  consentState: { active: 'gültig', revoked: 'widerrufen am {{date}}', lapsed: 'abgelaufen' },
}

const en: CaseLabels = {
  roles: { coach: 'Job coach', employer: 'Employer', coachee: 'Coachee', guardian: 'Legal guardian' },
  confidential: {
    diagnosis: 'diagnosis',
    medication: 'medication',
    healthRestrictions: 'health restrictions',
    financialSituation: 'financial situation',
    privateCircumstances: 'private circumstances',
    releaseFromConfidentiality: 'release from confidentiality',
  },
  audit: {
    type: {
      login: 'Login',
      roomOpened: 'Area opened',
      memberAdded: 'Member added',
      memberRemoved: 'Member removed',
      caseUpdated: 'Case changed',
      invitationCreated: 'Invitation created',
      invitationAccepted: 'Invitation accepted',
      invitationRevoked: 'Invitation withdrawn',
      invitationRenewed: 'Invitation link renewed',
      invitationAcceptFailed: 'Invitation: accept refused',
      accessLinkCreated: 'New access link created',
      passwordResetWithLink: 'New password set with an access link',
      agreementGiven: 'Agreement to the measure plan',
      accountChanged: 'Account changed',
      consentGranted: 'Consent granted',
      consentRevoked: 'Consent revoked',
      consentLapsed: 'Consent lapsed',
      caseClosed: 'Case closed',
      dataExported: 'Data export downloaded',
      supervisionCopyCreated: 'Supervision copy created',
      supervisionCopyReleased: 'Supervision copy released',
      finalReportExported: 'Anonymised final report for the job coach pool',
      versionRestored: 'Earlier version restored',
      coachReassigned: 'Case handed over',
      substituteCoachAdded: 'Substitute added',
      agreementRestamped: 'Agreement moved to the new checksum',
      releaseRecorded: 'Release from confidentiality recorded',
      releaseRevoked: 'Release from confidentiality revoked',
      releaseLapsed: 'Release from confidentiality lapsed',
      fundingChanged: 'Funding changed',
      approvalRecorded: 'Approval recorded',
      invoiceIssued: 'Invoice issued',
      invoiceCancelled: 'Invoice cancelled',
      hoursMonthConfirmed: 'Proof of hours confirmed',
      attachmentUploaded: 'Attachment added',
      attachmentDownloaded: 'Attachment downloaded',
      attachmentDeleted: 'Attachment deleted',
      requestAccepted: 'Request accepted',
      poolClassified: 'Pool: classified',
      poolAdmissionApproved: 'Pool: admission approved',
      poolAdmitted: 'Pool: admitted',
      poolDeclined: 'Pool: declined',
      poolDataErased: 'Pool: data erased',
      poolInvitationCreated: 'Pool: invited',
      poolInvitationAccepted: 'Pool: invitation accepted',
      jobSearchEntryAdded: 'Application or contact recorded',
      jobSearchEntryChanged: 'Application or contact changed',
    },
    sentence: {
      login: '{{who}} logged in.',
      roomOpened: '{{who}} opened {{room}} {{access}}.',
      memberAdded: '{{who}} added {{whom}} to the case as {{role}}.',
      memberRemoved: '{{who}} removed {{whom}} ({{role}}) from the case.',
      caseUpdated: '{{who}} changed the case: {{changes}}.',
      invitationCreated: '{{who}} created an invitation as {{role}}.',
      invitationAccepted: '{{who}} accepted the invitation as {{role}}.',
      invitationRevoked: '{{who}} withdrew an invitation.',
      invitationRenewed: '{{who}} gave an invitation a new link.',
      invitationAcceptFailed: 'Someone tried to accept an invitation, without success.',
      accessLinkCreated: '{{who}} created a new access link for {{whom}}.',
      passwordResetWithLink: '{{who}} set a new password with an access link.',
      agreementGiven: '{{who}} agreed to the measure plan (version {{hash}}).',
      accountChanged: "{{who}} {{account}} {{whom}}'s account.",
      consentGranted: '{{who}} gave consent: {{whom}} may read "{{field}}" ({{evidence}}).',
      consentRevoked: '{{who}} revoked consent: {{whom}} may no longer read "{{field}}".',
      consentLapsed: 'The consent lapsed: {{whom}} may no longer read "{{field}}".',
      caseClosed: '{{who}} closed the case.',
      dataExported: '{{who}} downloaded the data export of {{whom}} ({{format}}).',
      supervisionCopyCreated: '{{who}} created an anonymised copy for supervision.',
      supervisionCopyReleased: '{{who}} released an anonymised copy to a supervision group.',
      finalReportExported: '{{who}} approved the anonymised final report for their own job coach pool application.',
      versionRestored: '{{who}} restored an earlier version of {{doc}}.',
      agreementRestamped: '{{who}} moved an agreement to the new checksum (version {{hash}}, before {{previous}}); the content is unchanged.',
      releaseRecorded: '{{who}} recorded a release from confidentiality ({{evidence}}).',
      releaseRevoked: '{{who}} revoked a release from confidentiality.',
      releaseLapsed: 'A release from confidentiality lapsed.',
      coachReassigned: '{{who}} handed the case over from {{from}} to {{whom}}.',
      substituteCoachAdded: '{{who}} added {{whom}} to the case as a substitute coach.',
      fundingChanged: "{{who}} changed the case's funding body, file number or referring body.",
      approvalRecorded: '{{who}} recorded {{approval}}.',
      invoiceIssued: '{{who}} issued invoice {{number}} for {{month}}.',
      invoiceCancelled: '{{who}} cancelled invoice {{cancels}} with cancellation {{number}}.',
      hoursMonthConfirmed: '{{who}} confirmed the proof of hours for {{month}} as {{role}}.',
      attachmentUploaded: '{{who}} added an attachment ({{category}}).',
      attachmentDownloaded: '{{who}} downloaded an attachment ({{category}}).',
      attachmentDeleted: '{{who}} deleted an attachment ({{category}}).',
      requestAccepted: '{{who}} accepted the request this case was made from.',
      poolClassified: '{{who}} classified an application to the job coach pool.',
      poolAdmissionApproved: '{{who}} approved an admission to the job coach pool.',
      poolAdmitted: 'The admission to the job coach pool is decided.',
      poolDeclined: '{{who}} declined an application to the job coach pool.',
      poolDataErased: "{{who}} erased an account's pool data.",
      poolInvitationCreated: '{{who}} invited a freelance job coach to apply.',
      poolInvitationAccepted: '{{who}} accepted the invitation to the job coach pool.',
      jobSearchEntryAdded: '{{who}} recorded an application or contact in the job search.',
      jobSearchEntryChanged: '{{who}} changed an application or contact in the job search.',
    },
    joined: '{{who}} joined the case as {{role}}.',
    system: 'Fallbuch (automatic)',
    someone: 'someone',
    roomObject: {
      plan: 'the measure plan',
      notes: 'the phase notes',
      profile: 'the occupational profile',
      confidential: 'the confidential field "{{field}}"',
      supervisionCopy: 'a supervision copy',
      supervisionDiscussion: 'a supervision discussion',
    },
    access: { read: 'to read', write: 'to edit' },
    restoredDoc: { plan: 'the measure plan', notes: 'the phase notes' },
    evidence: { inApp: 'in the app', signedForm: 'signed form' },
    exportFormat: { json: 'as a file', html: 'as a readable page' },
    changes: {
      employerCanEditOn: 'the employer may co-edit',
      employerCanEditOff: 'the employer may no longer co-edit',
      title: 'title',
      type: 'type: {{type}}',
      typeChanged: 'type',
      other: 'settings',
      flow: { de: 'flow: Germany', ch: 'flow: Switzerland', serviceDefault: "flow as the service's default" },
    },
    account: { active: 'reactivated', inactive: 'deactivated', changed: 'changed' },
    approval: { approval: 'an approval', extension: 'an extension', correction: 'a correction of an approval' },
    attachmentCategory: {
      consentForm: 'signed consent',
      releaseFromConfidentiality: 'release from confidentiality',
      workAid: 'work aid or checklist',
    },
  },
  consentState: { active: 'active', revoked: 'revoked on {{date}}', lapsed: 'lapsed' },
}

/** The case words of a language. */
export function caseLabels(language: ReportLanguage): CaseLabels {
  return language === 'en' ? en : de
}
