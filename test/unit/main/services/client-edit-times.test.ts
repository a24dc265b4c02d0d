import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCacheStorage } from '../../../../main/services/cache/cache-storage';
import { type CacheDatabase, cacheNameFor, openCache } from '../../../../main/services/cache/open-cache';
import { ClientEditTimes } from '../../../../main/services/clients/client-edit-times';
import { ClientsService } from '../../../../main/services/clients/clients-service';
import type { SessionUser } from '../../../../shared/domain/session';
import type { ClientDoc, NotificationDoc, WithDeletedFlag } from '../../../../shared/replication/documents';
import { notificationSchema } from '../../../../shared/replication/rx-schemas';

/*
 * Issue 14: a desktop's push of a client edit names each changed field with the value it started
 * from and when the staff member changed it, so the server can keep the later of two concurrent
 * edits. The time is taken when the edit is made (not when it is pushed, perhaps hours later).
 */

const ME: SessionUser = {
  id: 'staff-priya',
  agencyId: 'agency-1',
  agencyName: 'Harbor Light Outreach',
  username: 'priya',
  displayName: 'Priya Shah',
  role: 'staff',
};

const BASE: WithDeletedFlag<ClientDoc> = {
  id: 'client-1',
  updatedAt: '2026-12-01T10:00:00.000Z',
  serverSeq: 7,
  agencyId: ME.agencyId,
  firstName: 'Marcus',
  lastName: 'Lee',
  firstNameKey: 'marcus',
  lastNameKey: 'lee',
  dateOfBirth: '1980-01-01',
  phone: '(555) 000-0001',
  email: 'marcus@example.org',
  photoFileId: '',
  shared: false,
  portalConnected: false,
  _deleted: false,
};

describe('the edit times a desktop sends with a client push', () => {
  let dir: string;
  let db: CacheDatabase;
  let clock: Date;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portico-edit-times-'));
    db = await openCache(createCacheStorage(dir)('test-key'), ME.id);
    const { _deleted, ...doc } = BASE;
    await db.clients.insert(doc);
    clock = new Date('2026-12-02T09:00:00.000Z');
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pushRowOf = async (base: WithDeletedFlag<ClientDoc>) => {
    const current = (await db.clients.findOne(base.id).exec())?.toJSON() as ClientDoc;
    return { assumedMasterState: base, newDocumentState: { ...current, _deleted: false } };
  };

  it('names each changed field with its starting value and the time it was changed', async () => {
    const times = new ClientEditTimes(db, () => clock);
    const clients = new ClientsService(db, ME, async () => undefined, times);
    await clients.update(BASE.id, { phone: '(555) 100-0001', firstName: 'Marcus' });
    clock = new Date('2026-12-02T09:05:00.000Z');
    await clients.update(BASE.id, { email: 'new@example.org' });
    // Pushed an hour later: the times are the edits', not the push's.
    clock = new Date('2026-12-02T10:00:00.000Z');
    const [row] = await times.prepare([await pushRowOf(BASE)]);
    expect(row?.fieldEdits).toEqual({
      phone: { from: '(555) 000-0001', at: '2026-12-02T09:00:00.000Z' },
      email: { from: 'marcus@example.org', at: '2026-12-02T09:05:00.000Z' },
    });
  });

  it('keeps the times across a restart while the edit waits offline', async () => {
    const clients = new ClientsService(db, ME, async () => undefined, new ClientEditTimes(db, () => clock));
    await clients.update(BASE.id, { phone: '(555) 100-0002' });
    clock = new Date('2026-12-02T18:00:00.000Z');
    const [row] = await new ClientEditTimes(db, () => clock).prepare([await pushRowOf(BASE)]);
    expect(row?.fieldEdits).toEqual({ phone: { from: '(555) 000-0001', at: '2026-12-02T09:00:00.000Z' } });
  });

  it('forgets the time of a field once it is in step with the server', async () => {
    const times = new ClientEditTimes(db, () => clock);
    const clients = new ClientsService(db, ME, async () => undefined, times);
    await clients.update(BASE.id, { phone: '(555) 100-0003' });
    // The server took it: its state now has the new phone; then the email is changed.
    const accepted = { ...BASE, phone: '(555) 100-0003', serverSeq: 8 };
    await times.prepare([await pushRowOf(BASE)]);
    clock = new Date('2026-12-02T11:00:00.000Z');
    await clients.update(BASE.id, { email: 'later@example.org' });
    const [row] = await times.prepare([await pushRowOf(accepted)]);
    expect(row?.fieldEdits).toEqual({ email: { from: BASE.email, at: '2026-12-02T11:00:00.000Z' } });
    // A later change of the phone gets its own time, not the first edit's.
    clock = new Date('2026-12-02T12:00:00.000Z');
    await clients.update(BASE.id, { phone: '(555) 100-0004' });
    const [again] = await times.prepare([await pushRowOf({ ...accepted, email: 'later@example.org' })]);
    expect(again?.fieldEdits).toEqual({ phone: { from: '(555) 100-0003', at: '2026-12-02T12:00:00.000Z' } });
  });

  it('does not record a field set to the value it already has', async () => {
    const times = new ClientEditTimes(db, () => clock);
    await new ClientsService(db, ME, async () => undefined, times).update(BASE.id, { phone: BASE.phone });
    const [row] = await times.prepare([await pushRowOf(BASE)]);
    expect(row?.fieldEdits).toEqual({});
  });
});

describe('a desktop cache made before notifications of lost edits', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portico-notification-migration-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Version 0 knew fulfilled requests only; version 1 added the sharing kinds.
  for (const [version, kinds] of [
    [0, ['request_fulfilled']],
    [1, ['request_fulfilled', 'sharing_withdrawn', 'sharing_restored']],
  ] as const) {
    it(`opens from version ${version} with its notifications, and takes the new kind`, async () => {
      const older = {
        ...notificationSchema,
        version,
        properties: { ...notificationSchema.properties, kind: { type: 'string', enum: [...kinds] } },
      } as RxJsonSchema<NotificationDoc>;
      const fulfilled: NotificationDoc = {
        id: 'n-1',
        updatedAt: '2026-12-01T10:00:00.000Z',
        serverSeq: 3,
        staffId: ME.id,
        kind: 'request_fulfilled',
        clientId: 'client-1',
        requestId: 'r-1',
        recordId: 'rec-1',
        title: 'Marcus Lee completed PHQ-9',
        body: '',
        createdAt: '2026-12-01T10:00:00.000Z',
        read: false,
      };
      const storage = createCacheStorage(dir)('test-key');
      const old = await createRxDatabase({ name: cacheNameFor(ME.id), storage, multiInstance: false });
      // A collection created at version 1 records its own migrations as done (none are needed).
      await old.addCollections({
        notifications: {
          schema: older,
          ...(version > 0 ? { migrationStrategies: { 1: (doc: NotificationDoc) => doc } } : {}),
        },
      });
      await old.collections.notifications?.insert(fulfilled);
      await old.close();

      const db = await openCache(createCacheStorage(dir)('test-key'), ME.id);
      try {
        expect((await db.notifications.findOne('n-1').exec())?.toJSON()).toMatchObject(fulfilled);
        await db.notifications.insert({
          ...fulfilled,
          id: 'n-2',
          kind: 'client_edit_lost',
          requestId: '',
          recordId: '',
        });
        expect((await db.notifications.findOne('n-2').exec())?.kind).toBe('client_edit_lost');
      } finally {
        await db.close();
      }
    });
  }
});
