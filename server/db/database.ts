/**
 * The agency server's one data-access seam. Two drivers implement it: PostgreSQL (the system of
 * record when DATABASE_URL is set) and embedded PGlite (a data folder, so one command runs
 * everything on one machine). Both run the same SQL and the same migrations.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /**
   * The same queries as server-side prepared statements, for SQL that runs very often with the
   * same text: each connection parses and plans it once. Only for a fixed set of statements (every
   * distinct text stays prepared on every connection), and only where a generic plan suits every
   * parameter (the live streams' pulls always start near the newest row). PGlite: plain queries.
   */
  readonly prepared: Queryable;
  /** Runs `work` in one transaction; rolls back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Subscribes to NOTIFY on a channel. `onReconnect` runs when the listening connection was lost
   * and came back: notifications may have been missed, so listeners must catch up.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Column types both drivers hand back the same way: int8 and xid8 as number (sequences and
 * transaction ids stay far below 2^53), dates as `YYYY-MM-DD` strings, timestamps as ISO strings.
 */
export const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  20: (value) => Number(value),
  5069: (value) => Number(value),
  1082: (value) => value,
  1114: (value) => new Date(`${value.replace(' ', 'T')}Z`).toISOString(),
  1184: (value) => new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(),
};
