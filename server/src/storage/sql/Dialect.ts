/**
 * What the SQL text of the two backends really differs in, besides the
 * placeholders (written `?` everywhere; the PostgreSQL executor numbers
 * them). Everything else is written once in the resource modules.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres'
  /** A condition: `column` is one of the values of a `list(…)` parameter of SQL type `type`. */
  inList(column: string, type: 'text' | 'bigint'): string
  /**
   * Appended to a SELECT inside a transaction to lock the rows read:
   * ' FOR UPDATE' on PostgreSQL, '' on SQLite (its one writer already
   * serialises the transaction).
   */
  readonly forUpdate: string
  /** A column ordering the rows of table alias `alias` by insertion: SQLite's rowid, PostgreSQL's `seq` column. */
  insertionOrder(alias: string): string
}

/** Translates and caches SQL texts for one dialect. */
export class SqlTexts {
  private readonly cache = new Map<unknown, string>()

  constructor(
    private readonly dialect: Dialect,
    private readonly translate: (sql: string) => string = (sql) => sql,
  ) {}

  /** The final text of `sql` (a dialect function is called once). */
  text(sql: string | ((dialect: Dialect) => string)): string {
    let text = this.cache.get(sql)
    if (text === undefined) {
      text = this.translate(typeof sql === 'string' ? sql : sql(this.dialect))
      this.cache.set(sql, text)
    }
    return text
  }
}
