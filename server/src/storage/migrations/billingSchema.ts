/**
 * The money side's tables (issues 16 and 18): retained billing records,
 * funding bodies and approvals, the billing flag and coach rates, invoices
 * and the confirmations of monthly proofs of hours. Re-exported by
 * schema.ts, where the migration lists find them.
 */
import type { ColumnTypes } from './columnTypes.js'

/**
 * Billing records an erased case leaves behind (issue 16; Art. 17(3)(b)
 * GDPR, § 147 AO): no reference to the cases table (the case is gone);
 * `details` is the minimised hours entry as JSON (date, minutes, coach id,
 * category), sealed with the case's billing key, which erasure keeps and the
 * billing sweep destroys after `retain_until`.
 */
export const createRetainedBillingRecords = `
  CREATE TABLE retained_billing_records (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('hours')),
    retained_at TEXT NOT NULL,
    retain_until TEXT NOT NULL,
    details TEXT NOT NULL
  );
  CREATE INDEX retained_billing_records_case ON retained_billing_records(case_id);
  CREATE INDEX retained_billing_records_until ON retained_billing_records(retain_until);`

/**
 * Issue 18: the service's directory of funding bodies (Leistungsträger).
 * Organisations' names and addresses, no case content, so not sealed (like
 * users.name). An entry in use by a case is deactivated, never deleted.
 */
export const createFundingBodies = (t: ColumnTypes): string => `
  CREATE TABLE funding_bodies (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    active ${t.boolean(true)},
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );`

/**
 * Issue 18: a case's funding, insert-only (a change or a correction is a new
 * row; the newest row of each case is its funding now). `details` is JSON
 * sealed with the case's key: file number and referring body of
 * case_funding; reference and note of funding_approvals. Hours and rates are
 * integers in hundredths so both backends sum them exactly. Both go with the
 * case's erasure (ON DELETE CASCADE, and the case key destroyed).
 */
export const createCaseFunding = `
  CREATE TABLE case_funding (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    funding_body_id TEXT REFERENCES funding_bodies(id),
    details TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE INDEX case_funding_case ON case_funding(case_id, recorded_at);
  CREATE INDEX case_funding_body ON case_funding(funding_body_id);
  CREATE TABLE funding_approvals (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('approval', 'extension')),
    extends_id TEXT,
    corrects_id TEXT,
    valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    hours_centi INTEGER NOT NULL,
    rate_cents INTEGER,
    currency TEXT NOT NULL CHECK (currency IN ('EUR', 'CHF')),
    decided_on TEXT,
    details TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE INDEX funding_approvals_case ON funding_approvals(case_id, recorded_at);`

/**
 * Issue 18, billing: the billing flag of a staff account (invoices of every
 * case, no case content) and the coach's own rate (freelance pool coaches:
 * hourly or a flat fee per case), set by admins. Plain columns like
 * is_lead: the service's own prices, no case content.
 */
export const billingFlagAndCoachRate = (t: ColumnTypes): string => `
  ALTER TABLE users ADD COLUMN is_billing ${t.boolean(false)};
  ALTER TABLE users ADD COLUMN coach_rate_kind TEXT CHECK (coach_rate_kind IN ('hourly', 'flat'));
  ALTER TABLE users ADD COLUMN coach_rate_cents INTEGER CHECK (coach_rate_cents >= 0);
  ALTER TABLE users ADD COLUMN coach_rate_currency TEXT CHECK (coach_rate_currency IN ('EUR', 'CHF'));`

/**
 * Issue 18, billing: issued invoices and cancellations, insert-only (an
 * issued document is never updated; a cancellation is a row of its own that
 * names the original, at most one). `invoice_counters` holds the last
 * number of each year: the issuing transaction locks its row, so numbers
 * have no gaps and no duplicates across processes. `details` (funding body,
 * lines with file number and initials, totals) is JSON sealed with the key
 * of the year of issue, which no case's erasure destroys; rows and key go
 * when `retain_until` has passed (BILLING_RETENTION_YEARS). No foreign key
 * to cases or funding bodies: the invoice outlives both.
 * `billed_case_months` marks the months an invoice in force bills (its
 * primary key refuses billing a month twice); a cancellation removes them.
 */
export const createInvoices = `
  CREATE TABLE invoice_counters (
    year INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL
  );
  CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'cancellation')),
    cancels_id TEXT UNIQUE,
    funding_body_id TEXT NOT NULL,
    month TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    retain_until TEXT NOT NULL,
    details TEXT NOT NULL,
    UNIQUE (year, seq)
  );
  CREATE INDEX invoices_body_month ON invoices(funding_body_id, month);
  CREATE INDEX invoices_until ON invoices(retain_until);
  CREATE TABLE invoice_cases (
    invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    PRIMARY KEY (invoice_id, case_id)
  );
  CREATE INDEX invoice_cases_case ON invoice_cases(case_id);
  CREATE TABLE billed_case_months (
    case_id TEXT NOT NULL,
    month TEXT NOT NULL,
    invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    PRIMARY KEY (case_id, month)
  );
  CREATE INDEX billed_case_months_invoice ON billed_case_months(invoice_id);`

/** Confirmations of a case's monthly proof of hours (issue 18); insert-only, they go with the case. */
export const createMonthConfirmations = `
  CREATE TABLE month_confirmations (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    month TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('employer', 'coachee', 'guardian')),
    confirmed_at TEXT NOT NULL,
    entries_hash TEXT NOT NULL,
    details TEXT NOT NULL,
    UNIQUE (case_id, month, role, entries_hash)
  );
  CREATE INDEX month_confirmations_month ON month_confirmations(month, case_id);`
