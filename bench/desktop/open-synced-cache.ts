import { AgencyClient } from '../../main/services/api/agency-client';
import { pendingWritesPath } from '../../main/services/cache/cache-healing';
import { createCacheStorage } from '../../main/services/cache/cache-storage';
import { type CacheDatabase, openCache } from '../../main/services/cache/open-cache';
import { PendingWritesJournal } from '../../main/services/cache/pending-writes-journal';
import { ClientEditTimes } from '../../main/services/clients/client-edit-times';
import { ClientsService } from '../../main/services/clients/clients-service';
import { InboxService } from '../../main/services/messaging/inbox-service';
import { OutboxService } from '../../main/services/messaging/outbox-service';
import type { SessionUser } from '../../shared/domain/session';
import { cacheLocation } from './cache-file';

/** A synced cache opened the way DesktopServices opens it at sign-in, with the services that read it. */
export interface SyncedCache {
  db: CacheDatabase;
  clients: ClientsService;
  inbox: InboxService;
  close(): Promise<void>;
}

const noEdits = async () => {};

/**
 * Opens a desktop's cache outside the desktop: the same key store, storage and openCache as
 * DesktopServices.onSignedIn, and the Clients and Inbox services on it. Nothing here talks to a
 * server (the outbox is never asked to send).
 */
export async function openSyncedCache(dataDir: string, user: SessionUser): Promise<SyncedCache> {
  const { key } = cacheLocation(dataDir, user.id);
  const db = await openCache(createCacheStorage(dataDir)(key), user.id);
  const offline = new AgencyClient('http://127.0.0.1:9', () => undefined);
  const { journal } = PendingWritesJournal.open(pendingWritesPath(dataDir, user.id), key);
  const outbox = new OutboxService(
    db,
    () => offline,
    () => false,
    noEdits,
    journal,
  );
  return {
    db,
    clients: new ClientsService(db, user, noEdits, new ClientEditTimes(db)),
    inbox: new InboxService(db, user, outbox, noEdits),
    close: async () => {
      journal.close();
      await db.close();
    },
  };
}
