import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PendingWritesJournal } from '../../../../main/services/cache/pending-writes-journal';

const scratch = mkdtempSync(join(tmpdir(), 'portico-journal-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const KEY = 'a'.repeat(64);
let counter = 0;
const freshPath = () => join(scratch, `j${++counter}`, 'portico-user.journal');

function write(id: string, text = `message ${id}`) {
  return { collection: 'outbox', id, payload: { html: `<p>${text}</p>` } };
}

describe('the pending-writes journal', () => {
  it('keeps puts and forgets removes across reopening', () => {
    const path = freshPath();
    const { journal } = PendingWritesJournal.open(path, KEY);
    journal.put(write('1'));
    journal.put(write('2'));
    journal.put(write('3'));
    journal.remove('outbox', '2');
    journal.close();
    const reopened = PendingWritesJournal.open(path, KEY);
    expect(reopened.report).toEqual({ damagedEntries: 0, keptAt: null });
    expect(reopened.journal.list().map((entry) => entry.id)).toEqual(['1', '3']);
    expect(reopened.journal.list('outbox')[0]).toEqual(write('1'));
    expect(reopened.journal.list('messages')).toEqual([]);
  });

  it('holds nothing readable without the key', () => {
    const path = freshPath();
    const { journal } = PendingWritesJournal.open(path, KEY);
    journal.put(write('1', 'Linh Clark, 555-0100'));
    journal.close();
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('Linh'))).toBe(false);
    expect(bytes.includes(Buffer.from('outbox'))).toBe(false);
    const wrongKey = PendingWritesJournal.open(path, 'b'.repeat(64));
    expect(wrongKey.journal.list()).toEqual([]);
    expect(wrongKey.report.damagedEntries).toBe(1);
  });

  it('skips and reports a damaged entry, keeps the ones around it, and keeps the damaged file aside', () => {
    const path = freshPath();
    const { journal } = PendingWritesJournal.open(path, KEY);
    journal.put(write('1'));
    const firstEnd = statSync(path).size;
    journal.put(write('2'));
    journal.put(write('3'));
    journal.close();
    const bytes = readFileSync(path);
    // One byte inside the second entry's ciphertext.
    bytes[firstEnd + 40] = (bytes[firstEnd + 40] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);

    const { journal: reopened, report } = PendingWritesJournal.open(path, KEY);
    expect(reopened.list().map((entry) => entry.id)).toEqual(['1', '3']);
    expect(report.damagedEntries).toBe(1);
    expect(report.keptAt).not.toBeNull();
    expect(readFileSync(report.keptAt ?? '')).toEqual(bytes);
    // The journal goes on without the damage: the next open finds nothing wrong.
    reopened.put(write('4'));
    reopened.close();
    const again = PendingWritesJournal.open(path, KEY);
    expect(again.report.damagedEntries).toBe(0);
    expect(again.journal.list().map((entry) => entry.id)).toEqual(['1', '3', '4']);
  });

  it('survives a damaged length field and a torn last entry', () => {
    const path = freshPath();
    const { journal } = PendingWritesJournal.open(path, KEY);
    journal.put(write('1'));
    const firstEnd = statSync(path).size;
    journal.put(write('2'));
    journal.put(write('3'));
    journal.close();
    const bytes = readFileSync(path);
    bytes.writeUInt32BE(0xfffffff0, firstEnd + 4);
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    const { journal: reopened, report } = PendingWritesJournal.open(path, KEY);
    expect(reopened.list().map((entry) => entry.id)).toEqual(['1']);
    expect(report.damagedEntries).toBe(2);
  });

  it('reports a journal zeroed or filled with garbage without throwing', () => {
    const path = freshPath();
    const { journal } = PendingWritesJournal.open(path, KEY);
    journal.put(write('1'));
    journal.close();
    writeFileSync(path, Buffer.alloc(statSync(path).size));
    const opened = PendingWritesJournal.open(path, KEY);
    expect(opened.journal.list()).toEqual([]);
    expect(opened.report.damagedEntries).toBe(1);
  });

  it('compacts a long history down to the live writes', () => {
    const path = freshPath();
    const { journal } = PendingWritesJournal.open(path, KEY);
    for (let i = 0; i < 200; i++) {
      journal.put(write(String(i)));
      if (i % 10 !== 0) journal.remove('outbox', String(i));
    }
    journal.close();
    const before = statSync(path).size;
    const reopened = PendingWritesJournal.open(path, KEY);
    expect(reopened.journal.list()).toHaveLength(20);
    reopened.journal.close();
    expect(statSync(path).size).toBeLessThan(before / 10);
    expect(readdirSync(join(path, '..'))).toEqual(['portico-user.journal']);
  });
});
