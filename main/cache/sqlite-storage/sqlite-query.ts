import type Database from 'better-sqlite3-multiple-ciphers';
import {
  type DeterministicSortComparator,
  type FilledMangoQuery,
  getQueryMatcher,
  getQueryPlan,
  getSortComparator,
  type MangoQuerySortDirection,
  type MangoQuerySortPart,
  type PreparedQuery,
  type QueryMatcher,
  type RxDocumentData,
  type RxJsonSchema,
  type RxQueryPlan,
  type RxStorageCountResult,
} from 'rxdb';
import { type CollectionTable, parseDocument } from './collection-table';
import { type IndexDefinition, rangeKeys } from './index-keys';

/*
 * Queries run as an index range scan in SQL, in the order of the index RxDB's query planner
 * chose. Only what the index cannot answer happens in JavaScript: the selector (when
 * !selectorSatisfiedByIndex) and the sort (when !sortSatisfiedByIndex). Rows are parsed lazily
 * while iterating, so a sorted, limited query stops reading as soon as it has enough.
 */

/** How to scan for one prepared query; computed once per PreparedQuery object. */
interface ScanPlan<RxDocType> {
  /** Undefined: the plan named an index this table lacks, so scan the whole table. */
  readonly index: IndexDefinition<RxDocType> | undefined;
  /** Lower and upper key of the range. */
  readonly range: readonly [string, string];
  readonly inclusiveStart: boolean;
  readonly inclusiveEnd: boolean;
  readonly descending: boolean;
  /** The scan order already is the query's sort order. */
  readonly sortedByScan: boolean;
  /** Undefined when the index range alone is exactly the selector's result. */
  readonly matcher: QueryMatcher<RxDocumentData<RxDocType>> | undefined;
}

type ScanMode = 'rows' | 'page' | 'count';

/** Runs RxDB prepared queries and counts against one collection table. */
export class SqliteQueryRunner<RxDocType> {
  private readonly plans = new WeakMap<PreparedQuery<RxDocType>, ScanPlan<RxDocType>>();
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(
    private readonly db: Database.Database,
    private readonly table: CollectionTable<RxDocType>,
    private readonly schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  ) {}

  query(prepared: PreparedQuery<RxDocType>): RxDocumentData<RxDocType>[] {
    const { query } = prepared;
    const skip = nonNegative(query.skip);
    const limit = typeof query.limit === 'number' ? query.limit : Number.POSITIVE_INFINITY;
    if (limit <= 0) {
      return [];
    }
    const plan = this.scanPlan(prepared);
    if (!plan.matcher && plan.sortedByScan) {
      // The index answers everything: let SQLite skip and limit without parsing skipped rows.
      const sqlLimit = Number.isFinite(limit) ? limit : -1;
      return this.statement(plan, 'page')
        .all(...plan.range, sqlLimit, skip)
        .map((data) => parseDocument<RxDocType>(data));
    }
    const wanted = skip + limit;
    const rows: RxDocumentData<RxDocType>[] = [];
    for (const data of this.statement(plan, 'rows').iterate(...this.rangeParams(plan))) {
      const doc = parseDocument<RxDocType>(data);
      if (plan.matcher && !plan.matcher(doc)) {
        continue;
      }
      rows.push(doc);
      if (plan.sortedByScan && rows.length >= wanted) {
        break; // leaving the loop finalizes the cursor
      }
    }
    if (!plan.sortedByScan) {
      rows.sort(this.comparator(query));
    }
    return rows.slice(skip, wanted);
  }

  /**
   * Counts like query() would return, honouring skip and limit. 'fast' (a SQL COUNT over the
   * index range) when the index satisfies the selector; otherwise every document in the range
   * is parsed and matched, which RxDB calls 'slow' (it then needs `allowSlowCount`).
   */
  count(prepared: PreparedQuery<RxDocType>): RxStorageCountResult {
    const plan = this.scanPlan(prepared);
    let total = 0;
    let mode: RxStorageCountResult['mode'] = 'fast';
    if (!plan.matcher && plan.index) {
      total = Number(this.statement(plan, 'count').get(...plan.range));
    } else {
      mode = 'slow';
      for (const data of this.statement(plan, 'rows').iterate(...this.rangeParams(plan))) {
        if (!plan.matcher || plan.matcher(parseDocument<RxDocType>(data))) {
          total++;
        }
      }
    }
    const { skip, limit } = prepared.query;
    let count = Math.max(0, total - nonNegative(skip));
    if (typeof limit === 'number') {
      count = Math.min(count, Math.max(0, limit));
    }
    return { count, mode };
  }

  private rangeParams(plan: ScanPlan<RxDocType>): readonly string[] {
    return plan.index ? plan.range : [];
  }

  private comparator(query: FilledMangoQuery<RxDocType>): DeterministicSortComparator<RxDocType> {
    return getSortComparator(this.schema, query);
  }

  private scanPlan(prepared: PreparedQuery<RxDocType>): ScanPlan<RxDocType> {
    const cached = this.plans.get(prepared);
    if (cached) {
      return cached;
    }
    const { query } = prepared;
    let queryPlan = prepared.queryPlan;
    let descending = false;
    if (!queryPlan.sortSatisfiedByIndex) {
      const reversed = reversedIndexPlan(this.schema, query);
      if (reversed && this.table.indexByName.has(reversed.index.join(','))) {
        queryPlan = reversed;
        descending = true;
      }
    }
    const index = this.table.indexByName.get(queryPlan.index.join(','));
    const matcher =
      queryPlan.selectorSatisfiedByIndex && index ? undefined : getQueryMatcher(this.schema, query);
    let plan: ScanPlan<RxDocType>;
    if (!index) {
      // A query forced (query.index) onto an index the schema does not declare: answer it
      // correctly by scanning everything rather than failing.
      plan = {
        index,
        range: ['', ''],
        inclusiveStart: true,
        inclusiveEnd: true,
        descending: false,
        sortedByScan: false,
        matcher,
      };
    } else {
      const { lower, upper } = rangeKeys(this.schema, index.fields, queryPlan.startKeys, queryPlan.endKeys);
      plan = {
        index,
        range: [lower, upper],
        inclusiveStart: queryPlan.inclusiveStart,
        inclusiveEnd: queryPlan.inclusiveEnd,
        descending,
        sortedByScan: queryPlan.sortSatisfiedByIndex,
        matcher,
      };
    }
    this.plans.set(prepared, plan);
    return plan;
  }

  private statement(plan: ScanPlan<RxDocType>, mode: ScanMode): Database.Statement<unknown[], unknown> {
    const key = plan.index
      ? [plan.index.column, plan.inclusiveStart, plan.inclusiveEnd, plan.descending, mode].join('|')
      : `all|${mode}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare<unknown[], unknown>(this.sql(plan, mode)).pluck();
      this.statements.set(key, statement);
    }
    return statement;
  }

  private sql(plan: ScanPlan<RxDocType>, mode: ScanMode): string {
    const t = this.table.sql;
    if (!plan.index) {
      return `SELECT data FROM ${t}`;
    }
    const column = plan.index.column;
    const where = `${column} ${plan.inclusiveStart ? '>=' : '>'} ? AND ${column} ${plan.inclusiveEnd ? '<=' : '<'} ?`;
    if (mode === 'count') {
      return `SELECT count(*) FROM ${t} WHERE ${where}`;
    }
    const order = `ORDER BY ${column} ${plan.descending ? 'DESC' : 'ASC'}`;
    return `SELECT data FROM ${t} WHERE ${where} ${order}${mode === 'page' ? ' LIMIT ? OFFSET ?' : ''}`;
  }
}

/**
 * RxDB's planner never lets an index satisfy a 'desc' sort (most storages cannot scan
 * backwards), so "newest first, limit 20" would read and sort the whole range. When every sort
 * part is 'desc', plan the all-'asc' version of the query instead: if RxDB finds an index that
 * satisfies that order, scanning the same range backwards yields exactly the requested order.
 * Returns that plan (its `sortSatisfiedByIndex` is true), or undefined.
 */
function reversedIndexPlan<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  query: FilledMangoQuery<RxDocType>,
): RxQueryPlan | undefined {
  const ascending: MangoQuerySortPart<RxDocumentData<RxDocType>>[] = [];
  for (const part of query.sort) {
    const entries = Object.entries(part);
    if (entries.length !== 1 || entries[0]?.[1] !== 'desc') {
      return undefined;
    }
    ascending.push(ascendingCopy(part));
  }
  if (ascending.length === 0) {
    return undefined;
  }
  const plan = getQueryPlan(schema, { ...query, sort: ascending });
  return plan.sortSatisfiedByIndex ? plan : undefined;
}

/** Skip as a count of rows; tolerates the undefined a non-normalized query might carry. */
function nonNegative(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(value, 0) : 0;
}

function ascendingCopy<Part extends Record<string, MangoQuerySortDirection>>(part: Part): Part {
  const copy: Record<string, MangoQuerySortDirection> = {};
  for (const key of Object.keys(part)) {
    copy[key] = 'asc';
  }
  // Same keys as `part`, each still a sort direction.
  return copy as Part;
}
