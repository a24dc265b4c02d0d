import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRxStorageSqlite } from '../../../../main/cache/sqlite-storage';
import type { ClientDoc } from '../../../../shared/replication/documents';
import { clientSchema } from '../../../../shared/replication/rx-schemas';
import { crashClient, DOCS_PER_BATCH, patchedPhone } from './fixtures/crash-docs';
import { makeTempDir, removeTempDir } from './sqlite-test-helpers';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const WRITER = path.join(import.meta.dirname, 'fixtures', 'crash-writer.ts');
/** Batches a writer must report before it is killed; it keeps writing while the kill lands. */
const BATCHES_BEFORE_KILL = 25;

/**
 * Runs the writer until it reported `batches` more commits, then SIGKILLs it mid-write.
 * Resolves with the last batch it reported as committed.
 */
function writeUntilKilled(dir: string, firstBatch: number, encryptionKey?: string): Promise<number> {
  const args = ['--import', 'tsx', WRITER, dir, String(firstBatch)];
  if (encryptionKey) {
    args.push(encryptionKey);
  }
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, args, { cwd: REPO_ROOT });
  return new Promise((resolve, reject) => {
    let lastCommitted = firstBatch - 1;
    let buffered = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line);
        if (match) {
          lastCommitted = Number(match[1]);
        }
      }
      if (!killed && lastCommitted - firstBatch + 1 >= BATCHES_BEFORE_KILL) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && killed) {
        resolve(lastCommitted);
      } else {
        reject(new Error(`Writer exited early (code ${code}, signal ${signal}):\n${stderr}`));
      }
    });
  });
}

function batchAndIndex(id: string): [number, number] {
  const match = /^b(\d+)-(\d+)$/.exec(id);
  if (!match) {
    throw new Error(`Unexpected document id ${id}`);
  }
  return [Number(match[1]), Number(match[2])];
}

async function readAllClients(dir: string, encryptionKey?: string): Promise<Map<string, ClientDoc>> {
  const db = await createRxDatabase<{ clients: RxCollection<ClientDoc> }>({
    name: 'crash-test',
    storage: getRxStorageSqlite({ databaseDirectory: dir, encryptionKey }),
    multiInstance: false,
  });
  try {
    await db.addCollections({ clients: { schema: clientSchema } });
    const docs = await db.clients.find().exec();
    return new Map(docs.map((doc) => [doc.id, doc.toJSON()]));
  } finally {
    await db.close();
  }
}

function integrityCheck(dir: string, encryptionKey?: string): unknown {
  const db = new Database(path.join(dir, 'crash-test.sqlite'), { readonly: true });
  try {
    if (encryptionKey) {
      db.pragma(`cipher='sqlcipher'`);
      db.key(Buffer.from(encryptionKey, 'utf8'));
    }
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

describe('SQLite storage crash safety', () => {
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it.each([
    ['unencrypted', undefined],
    ['encrypted', 'crash-test-key'],
  ])('keeps every committed write when the writer is SIGKILLed (%s)', async (_label, encryptionKey) => {
    // Two kill rounds: the second writer first has to recover the WAL the first one left.
    const firstRound = await writeUntilKilled(dir, 0, encryptionKey);
    const lastCommitted = await writeUntilKilled(dir, firstRound + 1, encryptionKey);

    expect(integrityCheck(dir, encryptionKey)).toBe('ok');
    const stored = await readAllClients(dir, encryptionKey);

    for (let batch = 0; batch <= lastCommitted; batch++) {
      for (let index = 0; index < DOCS_PER_BATCH; index++) {
        const expected = crashClient(batch, index);
        if (index === 0 && batch < lastCommitted) {
          expected.phone = patchedPhone(batch + 1);
        }
        const doc = stored.get(expected.id);
        if (index === 0 && batch === lastCommitted && doc?.phone) {
          expected.phone = patchedPhone(batch + 1); // that patch may have committed before the kill
        }
        expect(doc, expected.id).toEqual(expected);
      }
    }
    // Writes after the last reported commit may or may not have landed, but never half-way.
    for (const [id, doc] of stored) {
      const [batch, index] = batchAndIndex(id);
      expect(batch).toBeLessThanOrEqual(lastCommitted + 1);
      expect({ ...doc, phone: '' }).toEqual(crashClient(batch, index));
    }
  });
});
