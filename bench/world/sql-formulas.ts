import { createHash } from 'node:crypto';

/*
 * The generator describes every row by formulas of its position (client c, thread t, message g,
 * request r), so PostgreSQL builds each table in one set-based INSERT … SELECT over generate_series
 * and TypeScript can name any row without asking the database. These build the SQL for those
 * formulas, and their TypeScript twins where the bench needs the same value.
 */

/**
 * A deterministic UUID in SQL: the md5 of seed, kind and position, with the version (4) and
 * variant (8) digits set, since the API's validation accepts only RFC 4122 UUIDs.
 */
export function idSql(seed: number, kind: string, position: string): string {
  const hex = `md5('${seed}:${kind}:' || (${position})::text)`;
  return `overlay(overlay(${hex} placing '4' from 13) placing '8' from 17)::uuid`;
}

/** The same UUID as idSql, computed here. */
export function idOf(seed: number, kind: string, position: number): string {
  const hex = createHash('md5').update(`${seed}:${kind}:${position}`).digest('hex');
  const h = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A pseudo-random non-negative int4 of a position, in SQL. hashint8 is PostgreSQL's own integer
 * hash, the same in PGlite; `salt` gives each attribute its own independent stream.
 */
export function hashSql(seed: number, position: string, salt: number): string {
  return `(hashint8((${position})::bigint * 1000003 + ${seed + salt}) & 2147483647)`;
}

/** Every formula the tables share, bound to one seed and one scale. */
export class Formulas {
  constructor(
    readonly seed: number,
    readonly clients: number,
    readonly messages: number,
    readonly staff: number,
  ) {}

  id(kind: string, position: string): string {
    return idSql(this.seed, kind, position);
  }

  hash(position: string, salt: number): string {
    return hashSql(this.seed, position, salt);
  }

  /**
   * Position of the staff member in charge of client (and thread) `c`: the measured staff member
   * (1) for four clients in five, a colleague otherwise. Care team, thread and requests agree.
   */
  caseManager(c: string): string {
    return `(CASE WHEN ${this.hash(c, 20)} % 5 <> 0 THEN 1 ELSE 2 + ${this.hash(c, 21)} % ${this.staff - 1} END)`;
  }

  threadPrivate(t: string): string {
    return `(${this.hash(t, 24)} % 20 = 0)`;
  }

  startedBy(t: string): string {
    return `(CASE WHEN ${this.hash(t, 23)} % 3 = 0 THEN 'client' ELSE 'staff' END)`;
  }

  /** Thread of message g: messages go round the threads, so each thread's messages alternate in time. */
  threadOf(g: string): string {
    return `(1 + ((${g}) - 1) % ${this.clients})`;
  }

  /** The last message of thread t. */
  lastMessageOf(t: string): string {
    return `((${t}) + ((${this.messages} - (${t})) / ${this.clients}) * ${this.clients})`;
  }

  /** Who wrote message g: the thread's starter first, then turns. */
  senderKind(g: string): string {
    const t = this.threadOf(g);
    const turn = `((${g}) - 1) / ${this.clients}`;
    return `(CASE WHEN (${turn} + CASE WHEN ${this.startedBy(t)} = 'client' THEN 0 ELSE 1 END) % 2 = 0
      THEN 'client' ELSE 'staff' END)`;
  }

  /** Messages are about 50 s apart across the agency, the newest just before `anchor` ($1 below). */
  sentAt(g: string, anchorParam: string): string {
    return `(${anchorParam}::timestamptz - ((${this.messages} - (${g})) * 50 + ${this.hash(g, 30)} % 40) * interval '1 second')`;
  }

  bodyIndex(g: string, bodies: number): string {
    return `(1 + ${this.hash(g, 31)} % ${bodies})`;
  }
}
