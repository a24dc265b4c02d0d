import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * One write this desktop made that the server has not accepted yet: which collection (or kind)
 * it belongs to, its id, and everything needed to write it again. Today the outbox's items;
 * shaped so replicated documents can be journaled the same way once the outbox is replaced.
 */
export interface PendingWrite<T = unknown> {
  collection: string;
  id: string;
  payload: T;
}

/** What opening the journal found. */
export interface JournalReport {
  /** Entries that failed their checksum, did not decrypt or did not parse: skipped, never trusted. */
  damagedEntries: number;
  /** Where a damaged journal was copied before it was rewritten without its damaged entries. */
  keptAt: string | null;
}

type JournalOp = { op: 'put'; write: PendingWrite } | { op: 'remove'; collection: string; id: string };

/*
 * File format: a sequence of self-contained entries, appended and fsynced one at a time.
 *
 *   MAGIC (4) | body length (u32 BE) | SHA-256(body), first 16 bytes | body
 *   body = IV (12) | AES-256-GCM ciphertext of the JSON op | GCM tag (16)
 *
 * The checksum finds a damaged entry without the key (and before decrypting); GCM then proves the
 * entry was written with this key. A damaged entry is skipped by scanning for the next MAGIC, so
 * one bad entry never hides the ones after it.
 */
const MAGIC = Buffer.from('PWJ1', 'ascii');
const HEADER_BYTES = MAGIC.length + 4 + 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** No op is anywhere near this; a larger length field is damage, not an entry. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const AAD = Buffer.from('portico-pending-writes-v1', 'utf8');

function checksum(body: Buffer): Buffer {
  return createHash('sha256').update(body).digest().subarray(0, 16);
}

/** The journal's own key, derived from the cache's key: the same secret, never the same key. */
function journalKey(cacheKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(cacheKey, 'utf8'), AAD, 'journal-key', 32));
}

function keyOf(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

/**
 * Unsent work, kept apart from the cache so that damage to the cache cannot reach it. Every put
 * and remove is on disk (fsynced) when the call returns, so callers write here BEFORE they write
 * the cache, and remove only once the server accepted the write. Writes are synchronous: one small
 * append and fsync per unsent item, far cheaper than the cache write that follows.
 */
export class PendingWritesJournal {
  private readonly key: Buffer;
  private readonly writes = new Map<string, PendingWrite>();
  private fd: number | undefined;
  private entriesOnDisk = 0;

  private constructor(
    readonly path: string,
    cacheKey: string,
  ) {
    this.key = journalKey(cacheKey);
  }

  /** Opens (or creates) the journal, reading every entry it can and reporting the ones it cannot. */
  static open(path: string, cacheKey: string): { journal: PendingWritesJournal; report: JournalReport } {
    const journal = new PendingWritesJournal(path, cacheKey);
    mkdirSync(dirname(path), { recursive: true });
    const report = journal.load();
    return { journal, report };
  }

  /** Every pending write, in the order they were first written. */
  list(collection?: string): PendingWrite[] {
    const all = [...this.writes.values()];
    return collection === undefined ? all : all.filter((write) => write.collection === collection);
  }

  has(collection: string, id: string): boolean {
    return this.writes.has(keyOf(collection, id));
  }

  /** Records (or replaces) a pending write; durable on return. */
  put(write: PendingWrite): void {
    this.append({ op: 'put', write });
    this.writes.set(keyOf(write.collection, write.id), write);
  }

  /** Forgets a write the server accepted (or the person discarded); durable on return. */
  remove(collection: string, id: string): void {
    if (!this.has(collection, id)) return;
    this.append({ op: 'remove', collection, id });
    this.writes.delete(keyOf(collection, id));
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private load(): JournalReport {
    if (!existsSync(this.path)) return { damagedEntries: 0, keptAt: null };
    const data = readFileSync(this.path);
    let damagedEntries = 0;
    let position = 0;
    while (position < data.length) {
      const entry = this.readEntry(data, position);
      if (entry.op) this.apply(entry.op);
      else damagedEntries++;
      this.entriesOnDisk++;
      position = entry.next;
    }
    let keptAt: string | null = null;
    if (damagedEntries > 0) {
      // The damaged file goes to the admin as it was; the journal continues without the damage.
      keptAt = join(dirname(this.path), 'damaged', `${basename(this.path)}-${fileStamp()}`);
      mkdirSync(dirname(keptAt), { recursive: true });
      copyFileSync(this.path, keptAt);
    }
    if (damagedEntries > 0 || this.entriesOnDisk > 2 * this.writes.size + 32) this.compact();
    return { damagedEntries, keptAt };
  }

  /** Reads the entry at `position`; on damage answers no op and where the next entry may start. */
  private readEntry(data: Buffer, position: number): { op: JournalOp | undefined; next: number } {
    const damaged = () => {
      const found = data.indexOf(MAGIC, position + 1);
      return { op: undefined, next: found === -1 ? data.length : found };
    };
    if (data.length - position < HEADER_BYTES || !data.subarray(position, position + 4).equals(MAGIC)) {
      return damaged();
    }
    const length = data.readUInt32BE(position + 4);
    const bodyStart = position + HEADER_BYTES;
    if (length < IV_BYTES + TAG_BYTES || length > MAX_BODY_BYTES || bodyStart + length > data.length) {
      return damaged();
    }
    const body = data.subarray(bodyStart, bodyStart + length);
    if (!checksum(body).equals(data.subarray(position + 8, position + HEADER_BYTES))) return damaged();
    const op = this.decrypt(body);
    return op ? { op, next: bodyStart + length } : damaged();
  }

  private decrypt(body: Buffer): JournalOp | undefined {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, body.subarray(0, IV_BYTES));
      decipher.setAAD(AAD);
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return parseOp(JSON.parse(plain.toString('utf8')));
    } catch {
      // Another key (the cache's key was replaced) or damage the checksum could not see.
      return undefined;
    }
  }

  private apply(op: JournalOp): void {
    if (op.op === 'put') this.writes.set(keyOf(op.write.collection, op.write.id), op.write);
    else this.writes.delete(keyOf(op.collection, op.id));
  }

  private encode(op: JournalOp): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(AAD);
    const encrypted = Buffer.concat([cipher.update(JSON.stringify(op), 'utf8'), cipher.final()]);
    const body = Buffer.concat([iv, encrypted, cipher.getAuthTag()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([MAGIC, length, checksum(body), body]);
  }

  private append(op: JournalOp): void {
    this.fd ??= openSync(this.path, 'a', 0o600);
    writeFully(this.fd, this.encode(op));
    fsyncSync(this.fd);
    this.entriesOnDisk++;
  }

  /**
   * Rewrites the journal with only the live writes: a new file, fsynced, renamed over the old.
   * Also for when removed writes must not stay on disk even encrypted (a client who left).
   */
  compact(): void {
    this.close();
    const temporary = `${this.path}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      for (const write of this.writes.values()) writeFully(fd, this.encode({ op: 'put', write }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
    syncFolder(dirname(this.path));
    this.entriesOnDisk = this.writes.size;
  }
}

function writeFully(fd: number, buffer: Buffer): void {
  let written = 0;
  while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written);
}

/** Makes a rename durable; folders cannot be opened for fsync on Windows, where NTFS journals it. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A timestamp usable in a file name on every OS (no colons). */
export function fileStamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function parseOp(value: unknown): JournalOp | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const op = value as Record<string, unknown>;
  if (op.op === 'remove' && typeof op.collection === 'string' && typeof op.id === 'string') {
    return { op: 'remove', collection: op.collection, id: op.id };
  }
  const write = op.write as Record<string, unknown> | undefined;
  if (op.op === 'put' && typeof write?.collection === 'string' && typeof write.id === 'string') {
    return { op: 'put', write: { collection: write.collection, id: write.id, payload: write.payload } };
  }
  return undefined;
}
