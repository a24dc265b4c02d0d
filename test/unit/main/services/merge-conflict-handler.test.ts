import { describe, expect, it } from 'vitest';
import {
  createMergeConflictHandler,
  createServerMergesConflictHandler,
} from '../../../../main/services/sync/merge-conflict-handler';

type Doc = {
  id: string;
  serverSeq: number;
  updatedAt: string;
  phone: string;
  email: string;
  _deleted: boolean;
};

const base: Doc = { id: 'c1', serverSeq: 10, updatedAt: 't10', phone: '1', email: 'a@x', _deleted: false };
const handler = createMergeConflictHandler<Doc>();

describe('resolving a push the server did not take', () => {
  it('keeps both sides’ edits to different fields when the server moved on', async () => {
    const realMasterState = { ...base, serverSeq: 12, updatedAt: 't12', email: 'b@x' };
    const newDocumentState = { ...base, phone: '2' };
    const resolved = await handler.resolve(
      { newDocumentState, realMasterState, assumedMasterState: base },
      'test',
    );
    expect(resolved).toEqual({ ...realMasterState, phone: '2' });
  });

  it('lets the server’s state stand when it refused an edit of the version it still has', async () => {
    const newDocumentState = { ...base, phone: 'refused' };
    const resolved = await handler.resolve(
      { newDocumentState, realMasterState: base, assumedMasterState: base },
      'test',
    );
    expect(resolved).toEqual(base);
  });

  it('never brings back a record the server deleted', async () => {
    const realMasterState = { ...base, serverSeq: 11, _deleted: true };
    const resolved = await handler.resolve(
      { newDocumentState: { ...base, phone: '9' }, realMasterState, assumedMasterState: base },
      'test',
    );
    expect(resolved).toEqual(realMasterState);
  });
});

describe('resolving a client push the server merged itself', () => {
  const serverMerges = createServerMergesConflictHandler<Doc>();

  it('takes the server’s outcome, never pushing again a value the server decided against', async () => {
    // Priya's phone lost to Casey's later one; her email went through.
    const realMasterState = { ...base, serverSeq: 14, phone: 'casey', email: 'priya@x' };
    const resolved = await serverMerges.resolve(
      {
        newDocumentState: { ...base, phone: 'priya', email: 'priya@x' },
        realMasterState,
        assumedMasterState: base,
      },
      'test',
    );
    expect(resolved).toEqual(realMasterState);
  });
});
