/**
 * What operations need from the storage, beside the resources: quick checks
 * for readiness and the start-up check that every case and supervision
 * copy still has its data key (a database restored without its keystore).
 */

/** The ops port of the storage. */
export interface OperationsStorage {
  /** `SELECT 1` on the database, without retries; throws when it does not answer. */
  checkDatabase(): Promise<void>
  /** One read of the keystore, without retries; throws when it cannot be read. */
  checkKeystore(): Promise<void>
  /**
   * Cases and supervision copies whose rows are in the database but whose
   * data key is not in the keystore at all (never created there: the
   * keystore is older than the database, or another installation's). Erased
   * ones (a destroyed key's tombstone) are not listed: their rows are
   * unreadable on purpose.
   */
  ownersWithoutDataKey(): Promise<{ caseIds: string[]; copyIds: string[] }>
}
