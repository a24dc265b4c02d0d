import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../../server/authz/viewer';
import type { Queryable } from '../../../../server/db/database';
import type { CollectionHandler } from '../../../../server/replication/collection-handler';
import { pullPage } from '../../../../server/replication/routes';
import type { ReplicationCheckpoint } from '../../../../shared/replication/documents';

const viewer: Viewer = { userId: 'u', agencyId: 'a', role: 'staff' } as Viewer;

/** A database whose release watermark answers `releases` in turn (and counts 7 rows when asked). */
function watermarks(...releases: number[]): Queryable {
  return {
    async query<Row>(sql: string) {
      if (!sql.includes('portico_release() AS release'))
        return { rows: [{ total: 7 }] as Row[], rowCount: 1 };
      const release = releases.shift() ?? 0;
      return { rows: [{ release }] as Row[], rowCount: 1 };
    },
  };
}

/** A handler that records each read and answers one document per read, at the read's watermark. */
function recordingHandler() {
  const reads: { from: ReplicationCheckpoint; limit: number; below: number | undefined }[] = [];
  const handler = {
    name: 'threads',
    sourceTables: ['threads'],
    visibleRows: () => ({ from: 'threads t', alias: 't', visible: 'true', params: [] }),
    async pull(_db: Queryable, _viewer: Viewer, from: ReplicationCheckpoint, limit: number, below?: number) {
      reads.push({ from, limit, below });
      return {
        documents: [{ id: `doc-below-${below}` }],
        checkpoint: { txid: (below ?? 0) - 1, seq: 10 },
      };
    },
    push: async () => ({ conflicts: [], refusals: [] }),
  } as unknown as CollectionHandler<'threads'>;
  return { handler, reads };
}

describe('a pull page read below the release watermark', () => {
  it('reads a short page again from the desktop’s own checkpoint when the watermark moved', async () => {
    const { handler, reads } = recordingHandler();
    const from = { txid: 0, seq: 0 };
    const page = await pullPage(watermarks(100, 200), handler, viewer, from, 50);
    // Not continued from the first read's last row: a desktop starting from nothing is told no
    // removals of rows the first read stopped short of.
    expect(reads).toEqual([
      { from, limit: 50, below: 100 },
      { from, limit: 50, below: 200 },
    ]);
    expect(page.documents).toEqual([{ id: 'doc-below-200' }]);
    expect(page.total).toBe(7);
  });

  it('answers the first read when the watermark stayed or the page is full', async () => {
    const still = recordingHandler();
    await pullPage(watermarks(100, 100), still.handler, viewer, { txid: 5, seq: 6 }, 50);
    expect(still.reads).toHaveLength(1);
    const full = recordingHandler();
    await pullPage(watermarks(100, 200), full.handler, viewer, { txid: 5, seq: 6 }, 1);
    expect(full.reads).toHaveLength(1);
  });
});
