import {
  getIndexableStringMonad,
  getPrimaryFieldOfPrimaryKey,
  getSchemaByObjectPath,
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';

/** A bound value as RxDB's query planner (or cleanup) gives it. */
export type IndexBound = string | number | boolean | null | undefined;

/*
 * Secondary indexes live in SQLite as one TEXT column per RxDB index holding RxDB's "indexable
 * string" (fixed-width field values concatenated, primary key last, so every key is unique), with
 * a plain SQLite index on that column. Range scans over it return documents in exactly the order
 * RxDB's query planner assumes, so `sortSatisfiedByIndex` plans need no re-sort.
 */

/**
 * Bump when the way keys are derived changes: tables built with another version get their key
 * columns recomputed on open (see collection-table.ts).
 */
export const INDEX_KEY_FORMAT = 1;

/** One RxDB index and the table column holding its keys. */
export interface IndexDefinition<RxDocType> {
  /** Index fields, e.g. `['_deleted', 'lastNameKey', 'id']`. */
  readonly fields: readonly string[];
  /** `fields.join(',')`: how a query plan's `index` is looked up. */
  readonly name: string;
  /** Column name, `k0`, `k1`, …; also used in SQLite index names. */
  readonly column: string;
  /** Sortable key of a document for this index. */
  readonly keyOf: (doc: RxDocumentData<RxDocType>) => string;
}

/** The first code unit that UTF-8 byte order and UTF-16 code unit order disagree about. */
const FIRST_REMAPPED_UNIT = 0xd800;
/** Where code units from FIRST_REMAPPED_UNIT up land: above the whole BMP. */
const REMAP_BASE = 0x10000;

/**
 * Makes SQLite's byte-wise TEXT comparison agree exactly with JavaScript's string comparison.
 *
 * SQLite's BINARY collation memcmp()s UTF-8, which orders by code point; JavaScript (and RxDB's
 * in-memory index logic) orders by UTF-16 code unit. The two disagree only between characters
 * U+E000..U+FFFF and astral characters (emoji, rare CJK), which UTF-16 stores as surrogates
 * D800..DFFF. That matters more than it seems: RxDB pads open upper bounds with U+FFFF
 * (INDEX_MAX), which UTF-8 sorts *below* every emoji, so a name starting with an emoji would
 * silently fall out of `$gte` range queries.
 *
 * The fix maps every code unit >= D800 (surrogate halves included, so lone surrogates survive
 * too) to the code point `0x10000 + (unit - 0xD800)`. The map is strictly increasing and one
 * unit becomes one code point, so code point order of the result equals code unit order of the
 * input. ASCII and most text (< U+D800) pass through unchanged, at no cost.
 */
export function toSortableText(value: string): string {
  let firstRemapped = -1;
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) >= FIRST_REMAPPED_UNIT) {
      firstRemapped = i;
      break;
    }
  }
  if (firstRemapped === -1) {
    return value;
  }
  const parts: string[] = [value.slice(0, firstRemapped)];
  for (let i = firstRemapped; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    parts.push(
      unit < FIRST_REMAPPED_UNIT
        ? String.fromCharCode(unit)
        : String.fromCodePoint(REMAP_BASE + unit - FIRST_REMAPPED_UNIT),
    );
  }
  return parts.join('');
}

function normalizeIndexes<RxDocType>(schema: RxJsonSchema<RxDocumentData<RxDocType>>): string[][] {
  const declared = schema.indexes ?? [];
  return declared.map((index) => (typeof index === 'string' ? [index] : [...index]));
}

/**
 * The indexes a collection table carries: the schema's (RxDB has already prefixed them with
 * `_deleted` and appended the primary key) plus `['_deleted', '_meta.lwt', primaryKey]`, which
 * cleanup() range-scans for old tombstones, as RxDB's memory storage does.
 */
export function getIndexDefinitions<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
): IndexDefinition<RxDocType>[] {
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey);
  const fieldLists = normalizeIndexes(schema);
  fieldLists.push(cleanupIndexFields(primaryPath));
  const seen = new Set<string>();
  const definitions: IndexDefinition<RxDocType>[] = [];
  for (const fields of fieldLists) {
    const name = fields.join(',');
    if (seen.has(name)) {
      continue;
    }
    seen.add(name);
    const indexableString = getIndexableStringMonad(schema, fields);
    definitions.push({
      fields,
      name,
      column: `k${definitions.length}`,
      keyOf: (doc) => toSortableText(indexableString(doc)),
    });
  }
  return definitions;
}

/** Fields of the index cleanup() scans. */
export function cleanupIndexFields(primaryPath: string): string[] {
  return ['_deleted', '_meta.lwt', primaryPath];
}

/**
 * Everything key derivation depends on: index fields and the schema parts that shape their
 * keys (string widths, number ranges). A table whose stored fingerprint differs gets its key
 * columns rebuilt, so a changed index never answers queries with stale keys.
 */
export function indexFingerprint<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  definitions: readonly IndexDefinition<RxDocType>[],
): string {
  const shape = definitions.map((definition) =>
    definition.fields.map((field) => {
      const part = getSchemaByObjectPath(schema, field);
      return [field, part.type, part.maxLength, part.minimum, part.maximum, part.multipleOf];
    }),
  );
  return JSON.stringify({ format: INDEX_KEY_FORMAT, indexes: shape });
}

/** Sortable lower and upper key of a query plan's range, in the same encoding as stored keys. */
export function rangeKeys<RxDocType>(
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
  fields: readonly string[],
  startKeys: readonly IndexBound[],
  endKeys: readonly IndexBound[],
): { lower: string; upper: string } {
  const indexFields = [...fields];
  return {
    lower: toSortableText(getStartIndexStringFromLowerBound(schema, indexFields, [...startKeys])),
    upper: toSortableText(getStartIndexStringFromUpperBound(schema, indexFields, [...endKeys])),
  };
}
