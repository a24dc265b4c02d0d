import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentClient, type Doc, editClient, positionOf, pullAll, push } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectClearSentence } from '../../support/expect-error';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Pushes from desktops: an edit of the version the server has is applied; anything else comes back
 * as a conflict (the server's current copy) and, when the server will never accept it, a refusal
 * with a message for the person. Each test uses its own client so the tests do not interfere.
 */
describe('pushing client changes', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let jordan: string;
  let sam: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [casey, jordan, sam] = (await Promise.all(['casey', 'jordan', 'sam'].map((u) => signIn(ts.url, u)))) as [
      string,
      string,
      string,
    ];
  });
  afterAll(() => ts.close());

  const row = async (id: string) => {
    const result = await ts.server.db.query<{
      first_name: string;
      last_name: string;
      first_name_key: string;
      last_name_key: string;
      phone: string;
      email: string;
      seq: number;
    }>(
      'SELECT first_name, last_name, first_name_key, last_name_key, phone, email, seq FROM clients WHERE id = $1',
      [id],
    );
    return result.rows[0];
  };

  /** Pushes `changes` on top of `base` and expects it refused, with the current copy back and nothing written. */
  const expectRefused = async (
    token: string,
    base: Doc<'clients'>,
    changes: Partial<Record<keyof Doc<'clients'>, unknown>>,
  ): Promise<string> => {
    const before = await snapshotDatabase(ts.server.db);
    const outcome = await editClient(ts.url, token, base, changes);
    expect(outcome.refusals).toHaveLength(1);
    expect(outcome.refusals[0]?.id).toBe(base.id);
    expect(outcome.conflicts).toEqual([base]);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    const message = outcome.refusals[0]?.message ?? '';
    expectClearSentence(message);
    return message;
  };

  it('applies an edit of the current version and gives the row a new sequence', async () => {
    const id = idAt(ids, 1);
    const base = await currentClient(ts.url, casey, id);
    const basePosition = await positionOf(ts.server.db, 'clients', id);
    const outcome = await editClient(ts.url, casey, base, {
      firstName: '  Zoë ',
      lastName: 'Núñez',
      phone: '(555) 010-2020',
      email: 'zoe@example.org',
    });
    expect(outcome).toEqual({ conflicts: [], refusals: [] });
    const stored = await row(id);
    expect(stored).toMatchObject({
      first_name: 'Zoë',
      last_name: 'Núñez',
      first_name_key: 'zoe',
      last_name_key: 'nunez',
      phone: '(555) 010-2020',
      email: 'zoe@example.org',
    });
    expect(stored?.seq).toBeGreaterThan(base.serverSeq);
    const next = await pullAll(ts.url, casey, 'clients', { from: basePosition });
    expect(next.documents.find((doc) => doc.id === id)).toMatchObject({
      firstName: 'Zoë',
      serverSeq: stored?.seq,
    });
  });

  it('lets a system admin edit any agency’s client', async () => {
    const id = idAt(ids, 30);
    const base = await currentClient(ts.url, sam, id);
    expect(await editClient(ts.url, sam, base, { phone: '(555) 777-0000' })).toEqual({
      conflicts: [],
      refusals: [],
    });
    expect((await row(id))?.phone).toBe('(555) 777-0000');
  });

  it('answers an edit of an outdated version with the current copy and changes nothing', async () => {
    const id = idAt(ids, 4);
    const stale = await currentClient(ts.url, casey, id);
    expect((await editClient(ts.url, casey, stale, { phone: '(555) 100-0001' })).refusals).toEqual([]);
    const current = await currentClient(ts.url, casey, id);

    const before = await snapshotDatabase(ts.server.db);
    const outcome = await editClient(ts.url, casey, stale, { phone: '(555) 100-0002' });
    expect(outcome).toEqual({ conflicts: [current], refusals: [] });
    // A desktop that believes the record is new (no assumed state) is told about the existing one.
    const asNew = await push(ts.url, casey, 'clients', [{ newDocumentState: { ...current, phone: 'x' } }]);
    expect(asNew).toEqual({ conflicts: [current], refusals: [] });
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('refuses an edit of another agency’s shared client', async () => {
    const base = await currentClient(ts.url, jordan, idAt(ids, 2));
    const message = await expectRefused(jordan, base, { firstName: 'Changed' });
    expect(message).toBe('Only staff of the client’s own agency can change this record.');
  });

  it('refuses an edit of a client the staff member may not see, as if it did not exist', async () => {
    const hidden = await currentClient(ts.url, sam, idAt(ids, 27));
    const before = await snapshotDatabase(ts.server.db);
    const outcome = await editClient(ts.url, jordan, hidden, { firstName: 'Changed' });
    expect(outcome.refusals).toEqual([
      { id: hidden.id, message: 'This client record is not available to you.' },
    ]);
    // Whatever comes back must not describe the person.
    for (const conflict of outcome.conflicts)
      expect(conflict).toMatchObject({ firstName: '', dateOfBirth: '' });

    const unknown = '7d4f3b52-9a0e-4c59-9d0e-6c1f1a2b3c4d';
    const missing = await editClient(ts.url, jordan, { ...hidden, id: unknown }, { firstName: 'Changed' });
    expect(missing.refusals).toEqual([
      { id: unknown, message: 'This client record is not available to you.' },
    ]);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it.each([
    ['an empty first name', { firstName: '   ' }, 'First name is required.'],
    ['an empty last name', { lastName: '' }, 'Last name is required.'],
    ['an impossible date of birth', { dateOfBirth: '1980-02-30' }, 'Enter the date as YYYY-MM-DD.'],
    ['a date of birth in another format', { dateOfBirth: '02/03/1980' }, 'Enter the date as YYYY-MM-DD.'],
    [
      'a malformed email address',
      { email: 'not-an-email' },
      'Enter a valid email address or leave it empty.',
    ],
  ])('refuses %s with a message that says what to fix', async (_what, changes, message) => {
    const base = await currentClient(ts.url, casey, idAt(ids, 6));
    expect(await expectRefused(casey, base, changes)).toBe(message);
  });

  it.each([
    ['a first name that is a number', { firstName: 42 }],
    ['a sharing setting that is text', { shared: 'yes' }],
    ['a date of birth that is null', { dateOfBirth: null }],
    ['a document without a first name', { firstName: undefined }],
  ])('refuses %s with a clear message instead of failing', async (_what, changes) => {
    const base = await currentClient(ts.url, casey, idAt(ids, 8));
    await expectRefused(casey, base, changes);
  });

  it('refuses to delete a client record', async () => {
    const base = await currentClient(ts.url, casey, idAt(ids, 10));
    expect(await expectRefused(casey, base, { _deleted: true })).toBe(
      'Client records cannot be deleted from the desktop.',
    );
  });

  it('refuses pushes to the directory and to memberships, sending back the current copies', async () => {
    const directory = (await pullAll(ts.url, casey, 'directory', { limit: 1000 })).documents;
    const self = directory.find((doc) => doc.kind === 'staff' && doc.name === 'Casey Morgan');
    const memberships = (await pullAll(ts.url, casey, 'memberships', { limit: 1000 })).documents;
    const membership = memberships.find((doc) => doc.kind === 'careTeam');
    if (!self || !membership) throw new Error('demo data is missing casey or a care team');

    const before = await snapshotDatabase(ts.server.db);
    const directoryOutcome = await push(ts.url, casey, 'directory', [
      { assumedMasterState: self, newDocumentState: { ...self, name: 'Someone Else', role: 'system_admin' } },
    ]);
    expect(directoryOutcome).toEqual({
      conflicts: [self],
      refusals: [{ id: self.id, message: 'The directory is managed by agency administrators.' }],
    });
    const membershipOutcome = await push(ts.url, casey, 'memberships', [
      {
        assumedMasterState: membership,
        newDocumentState: { ...membership, endDate: '2020-01-01', _deleted: true },
      },
    ]);
    expect(membershipOutcome).toEqual({
      conflicts: [membership],
      refusals: [
        {
          id: membership.id,
          message: 'Care teams and enrollments are changed by the agency, not from the desktop.',
        },
      ],
    });
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });
});
