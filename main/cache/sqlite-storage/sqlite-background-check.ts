import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { RxStorageSqliteError } from './sqlite-storage-errors';

/*
 * SQLite's quick_check reads every page of the file: on a large cache as long again as opening it
 * and reading every row. Run on the app's connection it would double the time to the first
 * screen, so it runs on a connection of its own in a worker thread, on a read snapshot, while the
 * app starts; damage it finds is reported like a damaged read. Damage that stops the file from
 * opening at all (a wrong key, a cut file, a damaged schema) is found on open regardless.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let answer;
try {
  const Database = require(workerData.modulePath);
  const db = new Database(workerData.filePath, { readonly: true, fileMustExist: true });
  try {
    if (workerData.encryptionKey !== undefined) {
      db.pragma("cipher='sqlcipher'");
      db.key(Buffer.from(workerData.encryptionKey, 'utf8'));
    }
    const rows = db.pragma('quick_check(3)');
    answer = { findings: rows.map((row) => String(Object.values(row)[0])) };
  } finally {
    db.close();
  }
} catch (error) {
  answer = { code: error && error.code, message: String((error && error.message) || error) };
}
parentPort.postMessage(answer);
`;

const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;

type CheckAnswer = { findings: string[] } | { code?: string; message: string };

/**
 * Checks the file in a worker thread; calls `onDamage` if it is damaged. Answers when the check
 * is over (tests wait for it; the app does not). A check that could not run (a busy file, no
 * worker threads) reports nothing: it is not evidence of damage.
 */
export function checkIntegrityInBackground(options: {
  filePath: string;
  encryptionKey: string | undefined;
  onDamage: (error: unknown) => void;
}): Promise<void> {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { modulePath, filePath: options.filePath, encryptionKey: options.encryptionKey },
      });
    } catch (error) {
      console.error('The background integrity check could not start:', error);
      resolve();
      return;
    }
    // The app may exit before the check is over; the check must not keep it running.
    worker.unref();
    worker.once('message', (answer: CheckAnswer) => {
      const damage = damageIn(answer, options.filePath);
      if (damage) options.onDamage(damage);
      else if ('message' in answer) console.error('The background integrity check failed:', answer.message);
      resolve();
    });
    worker.once('error', (error) => {
      console.error('The background integrity check failed:', error);
      resolve();
    });
  });
}

function damageIn(answer: CheckAnswer, filePath: string): RxStorageSqliteError | undefined {
  if ('findings' in answer) {
    if (answer.findings.length === 1 && answer.findings[0] === 'ok') return undefined;
    return new RxStorageSqliteError(
      'DAMAGED',
      `The cache database ${filePath} failed its integrity check: ${answer.findings.join('; ')}`,
    );
  }
  if (answer.code && DAMAGE_CODES.test(answer.code)) {
    return new RxStorageSqliteError(
      'DAMAGED',
      `The cache database ${filePath} is damaged: ${answer.message}`,
    );
  }
  return undefined;
}
