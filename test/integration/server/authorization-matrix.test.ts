import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicatedCollection } from '../../../shared/replication/documents';
import { pullAll, push, request } from '../../support/api';
import {
  type AuthzWorld,
  CLIENT_VARIANTS,
  type ClientFixture,
  type ClientVariant,
  FIXTURE_PASSWORD,
  ITEM_VARIANTS,
  type ItemFixture,
  type ItemVariant,
  insertItemsWorld,
  insertPeople,
  NOTIFICATION_OWNERS,
  type Side,
  VIEWER_ROLES,
  type ViewerRole,
} from '../../support/authz-fixture';
import { SseReader } from '../../support/sse-reader';
import { asChanges } from '../../support/stream-events';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { waitUntil } from '../../support/wait';

/*
 * The authorization matrix: every role × every kind of item × shared/private/not-shared client ×
 * own/other agency, through every way the server hands items out: API reads, replication pulls,
 * push answers and live-stream events. Each cell is allowed or denied by the rules below, which
 * restate docs/architecture.md ("Who may see what") and server/authz/viewer.ts independently:
 *
 *  - a client: system admins see all; staff see their agency's clients, every shared client, and
 *    clients whose care team they are on now, except a client who withdrew sharing from their agency;
 *  - a care-team membership: when its client is seen;
 *  - a thread, message, request or record: when its client is seen and, if private, only within
 *    the item's agency (system admins see all);
 *  - a notification: only the staff member it is for, whatever their role;
 *  - a catalog entry (assessment, document category): the viewer's agency's (system admins: all);
 *  - files: a client's photo with its client (system admins: any); a message picture with its
 *    message or within its uploader's agency (system admins: any); a document file with its
 *    record; a client's portal connection only to the client's own agency (403 to other agencies
 *    that see the client).
 *
 * Allowed: the item arrives with its content. Denied: its content (a marker text only that item
 * carries) is in no answer at all: no pull, no push answer, no stream event; API reads answer 404.
 */

type Channel = 'API read' | 'pull' | 'push answer' | 'stream';

interface CellSpec {
  name: string;
  channel: Channel;
  rule: (role: ViewerRole) => boolean;
  check: (role: ViewerRole) => Promise<void> | void;
}

interface Cell extends CellSpec {
  role: ViewerRole;
  allowed: boolean;
}

/** Every viewer works for the "own" agency. */
const OWN: Side = 'own';
const isSystemAdmin = (role: ViewerRole) => role === 'system_admin';

function clientVisible(role: ViewerRole, client: ClientVariant): boolean {
  if (isSystemAdmin(role) || client.agency === OWN) return true;
  // A client who withdrew sharing from the viewer's agency is seen there neither by sharing nor
  // through a care team.
  if (client.withdrawnFromOwn) return false;
  return client.shared || (client.staffOnCareTeam && role === 'staff');
}

function itemVisible(role: ViewerRole, item: { client: ClientVariant; variant: ItemVariant }): boolean {
  const withinAgency = !item.variant.private || item.variant.agency === OWN || isSystemAdmin(role);
  return clientVisible(role, item.client) && withinAgency;
}

/** Replicated item kinds, with their collection, id and marker. */
const ITEM_KINDS = [
  { kind: 'thread', collection: 'threads', id: (item: ItemFixture) => item.threadId, marker: 'thread' },
  { kind: 'message', collection: 'messages', id: (item: ItemFixture) => item.messageId, marker: 'message' },
  { kind: 'request', collection: 'requests', id: (item: ItemFixture) => item.requestId, marker: 'request' },
  { kind: 'record', collection: 'records', id: (item: ItemFixture) => item.recordId, marker: 'record' },
] as const;

/** The catalog entries in the order the fixture inserts them. */
const CATALOG_VARIANTS = [
  { kind: 'assessment', agency: 'own' },
  { kind: 'document category', agency: 'own' },
  { kind: 'assessment', agency: 'other' },
  { kind: 'document category', agency: 'other' },
] as const;

const COLLECTIONS: readonly ReplicatedCollection[] = [
  'clients',
  'memberships',
  'threads',
  'messages',
  'requests',
  'records',
  'notifications',
  'catalog',
];

/** What one viewer received, gathered once; every cell then reads from it. */
interface Received {
  token: string;
  stream: SseReader;
  pulledText: Map<ReplicatedCollection, string>;
  pulledDocs: Map<ReplicatedCollection, { id: string; _deleted: boolean }[]>;
}

describe('authorization matrix', () => {
  let ts: TestServer;
  let world: AuthzWorld;
  const received = new Map<ViewerRole, Received>();

  const of = (role: ViewerRole): Received => {
    const value = received.get(role);
    if (!value) throw new Error(`nothing received for ${role}`);
    return value;
  };

  const streamedIds = (viewer: Received, collection: ReplicatedCollection): string[] =>
    viewer.stream.events
      .map(asChanges)
      .filter((event) => event?.collection === collection)
      .flatMap((event) => (event?.documents ?? []).filter((doc) => !doc._deleted).map((doc) => doc.id));

  const streamText = (viewer: Received) => viewer.stream.events.map((event) => event.data).join('\n');

  beforeAll(async () => {
    ts = await startTestServer({ seedDemo: false });
    const people = await insertPeople(ts.server.db);
    for (const role of VIEWER_ROLES) {
      const token = await signIn(ts.url, people.viewers[role].username, FIXTURE_PASSWORD);
      const stream = await SseReader.open(`${ts.url}/api/replication/stream`, token);
      await stream.waitFor((event) => event.event === 'resync');
      received.set(role, { token, stream, pulledText: new Map(), pulledDocs: new Map() });
    }
    // Inserted while the streams listen, so every item also reaches them as a live change.
    world = await insertItemsWorld(ts.server.db, ts.server.files, people);
    for (const role of VIEWER_ROLES) {
      const viewer = of(role);
      for (const collection of COLLECTIONS) {
        const pulled = await pullAll(ts.url, viewer.token, collection, { limit: 37 });
        viewer.pulledText.set(collection, JSON.stringify(pulled.documents));
        viewer.pulledDocs.set(collection, pulled.documents);
      }
      // The stream has caught up once it has sent everything the pull returned.
      await waitUntil(
        async () =>
          COLLECTIONS.every((collection) => {
            const streamed = new Set(streamedIds(viewer, collection));
            return (viewer.pulledDocs.get(collection) ?? []).every((doc) => streamed.has(doc.id));
          }),
        `${role}'s stream caught up`,
        60_000,
      );
    }
  }, 300_000);

  afterAll(async () => {
    for (const viewer of received.values()) await viewer.stream.close();
    await ts?.close();
  });

  /** The three replication channels of one item (ids depend on the viewer only for notifications). */
  function replicationCells(
    name: string,
    allowedFor: (role: ViewerRole) => boolean,
    collection: ReplicatedCollection,
    id: (role: ViewerRole) => string,
    marker: (role: ViewerRole) => string,
  ): CellSpec[] {
    const expectOutcome = (role: ViewerRole, found: boolean, leaked: boolean) =>
      expect({ found, leaked }).toEqual({ found: allowedFor(role), leaked: allowedFor(role) });
    return [
      {
        name: `${name} × pull`,
        channel: 'pull',
        rule: allowedFor,
        check: (role) => {
          const viewer = of(role);
          const docs = viewer.pulledDocs.get(collection) ?? [];
          expectOutcome(
            role,
            docs.some((doc) => doc.id === id(role) && !doc._deleted),
            (viewer.pulledText.get(collection) ?? '').includes(marker(role)),
          );
          // A first pull never names an item it does not deliver, not even as a removal.
          if (!allowedFor(role)) expect(docs.some((doc) => doc.id === id(role))).toBe(false);
        },
      },
      {
        name: `${name} × stream`,
        channel: 'stream',
        rule: allowedFor,
        check: (role) => {
          const viewer = of(role);
          expectOutcome(
            role,
            streamedIds(viewer, collection).includes(id(role)),
            streamText(viewer).includes(marker(role)),
          );
        },
      },
      {
        name: `${name} × push answer`,
        channel: 'push answer',
        rule: allowedFor,
        check: async (role) => {
          // A desktop pushing the id without a base state gets the current copy back as a
          // conflict, or a refusal that says nothing about the item; nothing is written.
          const answer = await push(ts.url, of(role).token, collection, [
            { newDocumentState: { id: id(role), _deleted: false } as never },
          ]);
          expectOutcome(
            role,
            answer.conflicts.some((doc) => doc.id === id(role) && !doc._deleted),
            JSON.stringify(answer).includes(marker(role)),
          );
        },
      },
    ];
  }

  /** An API read: allowed answers 200, denied answers `deniedStatus` (404 unless said otherwise). */
  function apiCell(
    name: string,
    allowedFor: (role: ViewerRole) => boolean,
    path: () => string,
    deniedStatus: (role: ViewerRole) => number = () => 404,
  ): CellSpec {
    return {
      name: `${name} × API read`,
      channel: 'API read',
      rule: allowedFor,
      check: async (role) => {
        const answer = await request(ts.url, path(), { token: of(role).token });
        expect(answer.status).toBe(allowedFor(role) ? 200 : deniedStatus(role));
      },
    };
  }

  /*
   * Cells are named from the fixture's variants, known before the server starts (test names must
   * exist when the file is collected); the ids they check are read from the world once inserted.
   */
  function buildCells(): Cell[] {
    const specs: CellSpec[] = [];
    CLIENT_VARIANTS.forEach((clientVariant, c) => {
      const client = () => world.clients[c] as ClientFixture;
      // Decided from the variant alone: the rule must not depend on what the server stored.
      const sees = (role: ViewerRole) => clientVisible(role, clientVariant);
      const name = `client (${clientVariant.key})`;
      specs.push(
        ...replicationCells(
          name,
          sees,
          'clients',
          () => client().id,
          () => client().marker,
        ),
      );
      specs.push(apiCell(`${name} photo file`, sees, () => `/api/files/${client().photoFileId}`));
      const manages = (role: ViewerRole) =>
        sees(role) && (clientVariant.agency === OWN || isSystemAdmin(role));
      specs.push(
        apiCell(
          `${name} portal connection`,
          manages,
          () => `/api/clients/${client().id}/portal`,
          (role) => (sees(role) ? 403 : 404),
        ),
      );
      specs.push(
        ...replicationCells(
          `care team membership (${clientVariant.key})`,
          sees,
          'memberships',
          () => client().careTeamId,
          () => client().careTeamMarker,
        ),
      );
      ITEM_VARIANTS.forEach((itemVariant, i) => {
        const item = () => world.items[c * ITEM_VARIANTS.length + i] as ItemFixture;
        const allowed = (role: ViewerRole) =>
          itemVisible(role, { client: clientVariant, variant: itemVariant });
        const variant = `${itemVariant.key} on ${clientVariant.key}`;
        for (const kind of ITEM_KINDS)
          specs.push(
            ...replicationCells(
              `${kind.kind} (${variant})`,
              allowed,
              kind.collection,
              () => kind.id(item()),
              () => item().markers[kind.marker],
            ),
          );
        const picture = (role: ViewerRole) =>
          isSystemAdmin(role) || itemVariant.agency === OWN || allowed(role);
        specs.push(
          apiCell(
            `message picture file (${variant})`,
            picture,
            () => `/api/attachments/${item().attachmentFileId}`,
          ),
          apiCell(
            `record document file (${variant})`,
            allowed,
            () => `/api/records/${item().recordId}/files/${item().recordFileId}`,
          ),
        );
      });
    });
    for (const owner of NOTIFICATION_OWNERS) {
      const find = (role: ViewerRole) => {
        const found = world.notifications.find((entry) => entry.viewer === role && entry.owner === owner);
        if (!found) throw new Error(`no notification for ${owner}`);
        return found;
      };
      specs.push(
        ...replicationCells(
          `notification (for ${owner})`,
          () => owner === 'the viewer',
          'notifications',
          (role) => find(role).id,
          (role) => find(role).marker,
        ),
      );
    }
    CATALOG_VARIANTS.forEach((entry, k) => {
      specs.push(
        ...replicationCells(
          `catalog ${entry.kind} (${entry.agency} agency)`,
          (role) => isSystemAdmin(role) || entry.agency === OWN,
          'catalog',
          () => world.catalog[k]?.id ?? '',
          () => world.catalog[k]?.marker ?? '',
        ),
      );
    });
    return VIEWER_ROLES.flatMap((role) => specs.map((spec) => ({ ...spec, role, allowed: spec.rule(role) })));
  }

  const cells = buildCells();

  it('covers every role, kind, variant and channel', () => {
    // Per role: clients 7 × (3 replication + 2 API reads), memberships 7 × 3, items on each client
    // 7 × 4 variants × (4 kinds × 3 + 2 files), notifications 3 × 3, catalog 4 × 3.
    const perRole = 7 * 5 + 7 * 3 + 28 * (4 * 3 + 2) + 3 * 3 + 4 * 3;
    expect(cells).toHaveLength(VIEWER_ROLES.length * perRole);
    const byChannel = new Map<Channel, number>();
    for (const cell of cells) byChannel.set(cell.channel, (byChannel.get(cell.channel) ?? 0) + 1);
    expect(Object.fromEntries(byChannel)).toEqual({
      pull: 3 * 133,
      stream: 3 * 133,
      'push answer': 3 * 133,
      'API read': 3 * 70,
    });
    expect(new Set(cells.map((cell) => `${cell.role} ${cell.name}`)).size).toBe(cells.length);
    // Both outcomes occur for every role: the matrix is not trivially all-allowed or all-denied.
    for (const role of VIEWER_ROLES) {
      const outcomes = new Set(cells.filter((cell) => cell.role === role).map((cell) => cell.allowed));
      expect(outcomes.size, role).toBe(2);
    }
  });

  describe.each(VIEWER_ROLES)('%s', (role) => {
    it.each(
      cells
        .filter((cell) => cell.role === role)
        .map((cell) => [`${cell.name} → ${cell.allowed ? 'allowed' : 'denied'}`, cell] as const),
    )('%s', async (_name, cell) => {
      await cell.check(role);
    });
  });
});
