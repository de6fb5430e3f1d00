/** The column types that differ between the backends. */
export interface ColumnTypes {
  /** A NOT NULL boolean column with its default. */
  boolean(defaultValue: boolean): string
  /** An auto-numbered primary key. */
  serialKey: string
  /** A Yjs client id (unsigned 32-bit). */
  clientId: string
  /** Options after a table whose rows need no rowid. */
  withoutRowid: string
}
