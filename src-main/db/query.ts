/**
 * Kysely builds and types the SQL; better-sqlite3 runs it, synchronously.
 * Synchronous on purpose: a write is one `BEGIN IMMEDIATE ... COMMIT` with no
 * await inside, so no other request can interleave with it, and a read costs
 * no promise round trips. Prepared statements are cached by their SQL text.
 */
import type { Database, Statement, Transaction } from 'better-sqlite3'
import { type Compilable, DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely'
import type { Schema } from './schema.js'

export type QueryBuilder = Kysely<Schema>

/** A kysely that only compiles: it never touches a connection. */
export function createQueryBuilder(): QueryBuilder {
  return new Kysely<Schema>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  })
}

const MAX_CACHED = 1000

const makers = new WeakMap<Statement, (r: unknown[]) => unknown>()

/** A function that turns a statement's row array into an object with its column names (the last one wins, as in SQLite's own objects). */
function rowMaker(stmt: Statement): (r: unknown[]) => unknown {
  let make = makers.get(stmt)
  if (!make) {
    const fields = stmt.columns().map((c, i) => `${JSON.stringify(c.name)}: r[${i}]`)
    // A maker compiled once per statement builds each row's object without a loop over its columns
    // (the day board reads thousands of rows); the source is only the statement's own column names.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see above
    make = new Function('r', `return { ${fields.join(', ')} }`) as (r: unknown[]) => unknown
    makers.set(stmt, make)
  }
  return make
}

/** A placeholder for the n-th value of a query compiled once (see Sql.firstOf). */
class Arg {
  constructor(readonly index: number) {}
}

interface Shape {
  sql: string
  /** For each parameter of the SQL: which value of the call it is, or a constant of the query. */
  slots: (Arg | { constant: unknown })[]
}

/** The database handle the core works with: the connection, a builder and a statement cache. */
export class Sql {
  readonly q: QueryBuilder = createQueryBuilder()
  private readonly cache = new Map<string, Statement>()
  private readonly shapes = new Map<string, Shape>()
  private tx: { db: Database; run: Transaction<(work: () => unknown) => unknown> } | undefined

  constructor(private connection: Database) {}

  /** The live connection. Read it each time: a restore replaces it (see `replaceConnection`). */
  get db(): Database {
    return this.connection
  }

  /**
   * Points the core at another connection (the database a restore swapped in).
   * The cached statements belong to the old connection and are dropped with it.
   */
  replaceConnection(db: Database): void {
    this.cache.clear()
    this.connection = db
  }

  /**
   * Runs `work` in one BEGIN IMMEDIATE ... COMMIT (a savepoint when already
   * inside one). The transaction wrapper is made once per connection: making it
   * costs more than a small write.
   */
  immediate<T>(work: () => T): T {
    if (this.tx?.db !== this.connection)
      this.tx = { db: this.connection, run: this.connection.transaction((w: () => unknown) => w()) }
    return this.tx.run.immediate(work) as T
  }

  statement(sqlText: string): Statement {
    let stmt = this.cache.get(sqlText)
    if (!stmt) {
      // Queries with IN lists of varying length have many shapes; start over rather than grow forever.
      if (this.cache.size >= MAX_CACHED) this.cache.clear()
      stmt = this.db.prepare(sqlText)
      this.cache.set(sqlText, stmt)
    }
    return stmt
  }

  /**
   * Rows as objects, built by a function made once per statement from its
   * column names: better-sqlite3's own objects cost twice as much to make, and
   * a day's board reads a few hundred rows of twenty-odd columns.
   */
  private rows(stmt: Statement, params: unknown[]): unknown[] {
    return (stmt.raw(true).all(...params) as unknown[][]).map(rowMaker(stmt))
  }

  private row(stmt: Statement, params: unknown[]): unknown {
    const r = stmt.raw(true).get(...params) as unknown[] | undefined
    return r === undefined ? undefined : rowMaker(stmt)(r)
  }

  all<R>(query: Compilable<R>): R[] {
    const c = query.compile()
    return this.rows(this.statement(c.sql), c.parameters as unknown[]) as R[]
  }

  first<R>(query: Compilable<R>): R | undefined {
    const c = query.compile()
    return this.row(this.statement(c.sql), c.parameters as unknown[]) as R | undefined
  }

  /** Runs a statement that returns no rows; answers the rows changed and the last id inserted. */
  run(query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
    const c = query.compile()
    const r = this.statement(c.sql).run(...(c.parameters as unknown[]))
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) }
  }

  /**
   * The hot paths' queries: their shape never changes, so kysely compiles each
   * once (its compile costs more than SQLite's run of a small query). `build`
   * receives placeholders the first time; the values are bound at every call.
   * `key` names the shape and must be unique to it.
   */
  firstOf<R, A extends unknown[]>(key: string, build: (...args: A) => Compilable<R>, ...args: A): R | undefined {
    const [stmt, params] = this.bind(key, build, args)
    return this.row(stmt, params) as R | undefined
  }

  allOf<R, A extends unknown[]>(key: string, build: (...args: A) => Compilable<R>, ...args: A): R[] {
    const [stmt, params] = this.bind(key, build, args)
    return this.rows(stmt, params) as R[]
  }

  runOf<A extends unknown[]>(
    key: string,
    build: (...args: A) => Compilable<unknown>,
    ...args: A
  ): { changes: number; lastInsertRowid: number } {
    const [stmt, params] = this.bind(key, build, args)
    const r = stmt.run(...params)
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) }
  }

  private bind<A extends unknown[]>(
    key: string,
    build: (...args: A) => Compilable<unknown>,
    args: A,
  ): [Statement, unknown[]] {
    let shape = this.shapes.get(key)
    if (!shape) {
      const compiled = build(...(args.map((_, i) => new Arg(i)) as A)).compile()
      shape = { sql: compiled.sql, slots: compiled.parameters.map((p) => (p instanceof Arg ? p : { constant: p })) }
      this.shapes.set(key, shape)
    }
    return [this.statement(shape.sql), shape.slots.map((s) => (s instanceof Arg ? args[s.index] : s.constant))]
  }

  /** Hand-written SQL, for the few statements kysely cannot express well. */
  raw<R>(sqlText: string, ...params: unknown[]): R[] {
    return this.rows(this.statement(sqlText), params) as R[]
  }

  rawRun(sqlText: string, ...params: unknown[]): { changes: number; lastInsertRowid: number } {
    const r = this.statement(sqlText).run(...params)
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) }
  }
}
