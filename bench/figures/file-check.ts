import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFileSize } from '../../main/services/files/attachment-upload';
import { BridgeError } from '../../shared/bridge/envelope';
import { median, timed } from '../lib/stats';
import { type Figure, ratioFigure } from '../report';

const RUNS = 2_000;
const HUGE = 2 * 1024 ** 3;

/**
 * Figure 7: checkFileSize refusing a 2GB file (sparse: its size is real, its blocks are not) beside
 * the same check accepting a 1KB file. Equal times show the refusal comes from the size alone,
 * without reading the file. The two alternate, so both meet the same machine.
 */
export async function benchFileCheck(): Promise<Figure> {
  const folder = mkdtempSync(join(tmpdir(), 'portico-bench-files-'));
  try {
    const small = join(folder, 'small.png');
    writeFileSync(small, Buffer.alloc(1024, 1));
    const huge = join(folder, 'huge.png');
    const handle = openSync(huge, 'w');
    ftruncateSync(handle, HUGE);
    closeSync(handle);
    const refuse = async () => {
      try {
        await checkFileSize(huge);
      } catch (error) {
        if (error instanceof BridgeError && error.code === 'invalid_input') return;
        throw error;
      }
      throw new Error('a 2GB file was accepted');
    };
    const accept = () => checkFileSize(small);
    const refusals: number[] = [];
    const accepts: number[] = [];
    for (let i = 0; i < 100; i++) {
      await refuse();
      await accept();
    }
    for (let i = 0; i < RUNS; i++) {
      refusals.push(await timed(refuse));
      accepts.push(await timed(accept));
    }
    return ratioFigure(
      'file check: refuse a 2GB file vs accept 1KB',
      median(refusals),
      'ms',
      median(accepts),
      1.5,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
