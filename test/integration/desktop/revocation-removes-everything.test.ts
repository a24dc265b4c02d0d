import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileKeyFor, unseal } from '../../../main/services/files/sealed-files';
import { sweepCareTeamTransitions } from '../../../server/authz/care-team-sweeper';
import { todayIsoDate } from '../../../shared/domain/dates';
import { newMessageDraftKey } from '../../../shared/domain/messaging';
import { type DocumentRecordData, REDACTED_FULFILMENT_TITLES } from '../../../shared/domain/requests';
import { editClient, pullAll } from '../../support/api';
import { decryptAllPages, desktopCacheFile, desktopCacheKey } from '../../support/cache-pages';
import { NORTHSIDE } from '../../support/demo-lookup';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { type NetworkGate, startNetworkGate } from '../../support/network-gate';
import { portalPost, portalSignIn } from '../../support/portal-client';
import { catalogIds, need, postMultipart, sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Issue 14, "Revocation removes everything": Jordan (Northside) is on the care team of Linh
 * (a Harbor client whose record is not shared). Linh completes Jordan's Housing Needs Assessment,
 * Jordan looks at her photo, then goes offline and writes her a draft and a message. Her care team
 * membership ends while he is offline. When he reconnects, nothing of her may remain on his
 * computer: not in any page of the decrypted cache file (free pages too), not in the files folder,
 * not in the drafts or the outbox; her notification is rewritten without her name; and he is told
 * what was deleted without being told whom it was for.
 */

const PASSWORD = 'Portico#2026';
const DRAFT_TEXT = 'Draft for the departed client: zebra-quartz-7731';
const QUEUED_TEXT = 'Queued for the departed client: heron-basalt-4410';
const DOCUMENT_TEXT = 'Lease of the departed client: osprey-gneiss-2291';

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function photoBytes(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** The readable sentences of a message body. */
function textOf(html: string): string[] {
  return html
    .replace(/<[^>]+>/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length >= 12);
}

describe('when a client leaves a staff member’s sight while they are offline', () => {
  let server: TestServer;
  let gate: NetworkGate;
  let jordan: DesktopProcess;

  beforeAll(async () => {
    server = await startTestServer();
    gate = await startNetworkGate(server.url);
    jordan = await startDesktop({ serverUrl: gate.url });
  });

  afterAll(async () => {
    await jordan?.stop();
    if (jordan) removeDataDir(jordan.dataDir);
    await gate?.close();
    await server?.close();
  });

  it('leaves no trace of them on the computer, and says what was deleted without the name', async () => {
    const db = server.server.db;
    const linh = (
      await db.query<{
        id: string;
        first_name: string;
        last_name: string;
        phone: string;
        email: string;
        shared: boolean;
        jordan_id: string;
        request_id: string;
      }>(
        `SELECT c.id::text AS id, c.first_name, c.last_name, c.phone, c.email, c.shared,
                u.id::text AS jordan_id, r.id::text AS request_id
           FROM clients c JOIN users u ON u.username = 'jordan'
           JOIN portal_requests r ON r.client_id = c.id AND r.sender_staff_id = u.id AND r.status = 'viewed'
          WHERE c.first_name = 'Linh'`,
      )
    ).rows[0];
    if (!linh) throw new Error('no demo client Linh with an open request from jordan');
    // Her record is Harbor's own: the care team is all Jordan's access rests on.
    expect(linh.shared).toBe(false);
    const fullName = `${linh.first_name} ${linh.last_name}`;

    await jordan.api.session.signIn({ username: 'jordan', password: PASSWORD });
    const profile = await eventually(
      'Linh in jordan’s cache',
      async () => (await jordan.api.clients.get({ id: linh.id })) ?? undefined,
    );

    // Linh answers the assessment from her phone; Jordan is told, with her name.
    const portal = await portalSignIn(server.url, 'linh');
    const answered = await portalPost(
      server.url,
      portal,
      `/api/portal/requests/${linh.request_id}/assessment`,
      {
        assessmentDate: todayIsoDate(),
        answers: { living_situation: 'Emergency shelter', household_size: 2 },
      },
    );
    expect(answered.status).toBe(201);
    const named = await eventually('the notification naming her', async () =>
      (await jordan.api.notifications.list({ limit: 50 })).find((n) => n.clientId === linh.id),
    );
    expect(named.title).toBe(`${fullName} completed Housing Needs Assessment`);
    // She uploads a document too, and Jordan saves it (a sealed copy and a plain hand-off copy).
    const uploaded = await postMultipart(server.url, '/api/portal/documents', {
      token: portal,
      fields: { name: 'Lease' },
      files: [{ name: 'lease.txt', content: Buffer.from(DOCUMENT_TEXT), contentType: 'text/plain' }],
    });
    expect(uploaded.status).toBe(201);
    const lease = await eventually('her document on jordan’s desktop', async () =>
      (await jordan.api.records.forClient({ clientId: linh.id, kind: 'document' })).find(
        (record) => record.title === 'Lease',
      ),
    );
    const leaseFile = (lease.data as DocumentRecordData).files[0];
    if (!leaseFile) throw new Error('the document has no file');
    await jordan.api.records.openFile({ recordId: lease.id, fileId: leaseFile.fileId, action: 'save' });
    expect(existsSync(join(jordan.dataDir, 'files', `document-${leaseFile.fileId}.bin`))).toBe(true);
    expect(existsSync(join(jordan.dataDir, 'downloads', linh.id))).toBe(true);

    // Her photo and a visible client's photo are cached on the way.
    const herPhoto = await jordan.api.files.photo({ fileId: profile.client.photoFileId });
    if (!herPhoto) throw new Error('Linh has no photo to cache');
    const photo = photoBytes(herPhoto.dataUrl);
    const visible = (await jordan.api.clients.search({ query: '', limit: 500 })).filter(
      (client) => client.id !== linh.id,
    );
    const other = (
      await Promise.all(visible.map((client) => jordan.api.clients.get({ id: client.id })))
    ).find((p) => p?.client.photoFileId);
    if (!other) throw new Error('no other client with a photo');
    const otherPhoto = await jordan.api.files.photo({ fileId: other.client.photoFileId });
    if (!otherPhoto) throw new Error('the other client’s photo did not load');

    // What Jordan's cache held of her conversations.
    const conversations = await jordan.api.threads.forClient({ clientId: linh.id });
    const messageTexts = (
      await Promise.all(conversations.map((entry) => jordan.api.threads.get({ threadId: entry.threadId })))
    ).flatMap((thread) => thread?.messages.flatMap((message) => textOf(message.bodyHtml)) ?? []);
    expect(messageTexts.length).toBeGreaterThan(0);

    // Offline: a draft and a message to her.
    gate.cut();
    await eventually('offline', async () =>
      (await jordan.api.sync.status()).state === 'offline' ? true : undefined,
    );
    const draftKey = newMessageDraftKey(linh.id);
    await jordan.api.drafts.save({
      key: draftKey,
      clientId: linh.id,
      threadId: null,
      content: [{ type: 'paragraph', children: [{ text: DRAFT_TEXT }] }],
    });
    const queued = await jordan.api.messages.send({
      clientId: linh.id,
      threadId: null,
      html: `<p>${QUEUED_TEXT}</p>`,
    });
    expect(queued.state).toBe('waiting');

    // Her care team membership for Jordan ends (yesterday), found by the sweeper.
    await db.query(
      `UPDATE care_team SET end_date = (now() AT TIME ZONE 'UTC')::date - 1
        WHERE client_id = $1::uuid AND staff_id = $2::uuid`,
      [linh.id, linh.jordan_id],
    );
    await sweepCareTeamTransitions(db);
    // At the server, the notification no longer names her.
    const atServer = await db.query<{ title: string; body: string }>(
      'SELECT title, body FROM staff_notifications WHERE id = $1::uuid',
      [named.id],
    );
    expect(atServer.rows[0]).toEqual({ title: REDACTED_FULFILMENT_TITLES.assessment, body: '' });

    gate.restore();
    await jordan.api.sync.now();
    await eventually('Linh to leave the cache', async () =>
      (await jordan.api.clients.get({ id: linh.id })) === null ? true : undefined,
    );
    const notice = await eventually('the notice of deleted work', async () =>
      (await jordan.api.notices.list()).find((n) => /no longer have access/.test(n.title)),
    );
    expect(notice.message).toContain(
      '1 draft and 1 unsent message to a client you no longer have access to were deleted.',
    );
    for (const word of [linh.first_name, linh.last_name]) expect(notice.message).not.toContain(word);
    await eventually('the redacted notification', async () => {
      const now = (await jordan.api.notifications.list({ limit: 50 })).find((n) => n.id === named.id);
      return now?.title === REDACTED_FULFILMENT_TITLES.assessment ? now : undefined;
    });
    await eventually('the outbox to let go of her message', async () =>
      (await jordan.api.outbox.list()).length === 0 ? true : undefined,
    );
    expect(await jordan.api.drafts.get({ key: draftKey })).toBeNull();
    expect(await jordan.api.files.photo({ fileId: profile.client.photoFileId })).toBeNull();
    // Visible clients' photos still show.
    expect((await jordan.api.files.photo({ fileId: other.client.photoFileId }))?.dataUrl).toBe(
      otherPhoto.dataUrl,
    );

    // Words of hers that no visible client shares (a shared surname would prove nothing).
    const stillVisible = (await jordan.api.clients.search({ query: '', limit: 500 })).map((c) =>
      [c.firstName, c.lastName].join(' ').toLowerCase(),
    );
    const hers = [linh.first_name, linh.last_name, linh.phone, linh.email, fullName]
      .filter((word) => word.length >= 4)
      .filter((word) => !stillVisible.some((words) => words.includes(word.toLowerCase())));
    expect(hers).toContain(linh.first_name);
    const secrets = [...hers, DRAFT_TEXT, QUEUED_TEXT, DOCUMENT_TEXT, ...messageTexts];
    const userId = (await jordan.api.session.get())?.user.id ?? '';
    const dataDir = jordan.dataDir;
    const cacheKey = desktopCacheKey(dataDir, userId);
    await jordan.stop();

    // Every page of the cache file, in use or free, decrypted.
    const pages = decryptAllPages(desktopCacheFile(dataDir, userId), cacheKey);
    const cacheText = pages.map((page) => page.toString('latin1').toLowerCase()).join('\n');
    // The decryption is real: a client still visible is in it.
    const kept = visible.find((client) => client.lastName.length >= 5);
    expect(cacheText.includes(kept?.lastName.toLowerCase() ?? '-'), 'a visible client in the cache').toBe(
      true,
    );
    for (const secret of secrets) expect(cacheText.includes(secret.toLowerCase()), secret).toBe(false);
    const photoSample = photo.subarray(Math.floor(photo.length / 2), Math.floor(photo.length / 2) + 48);
    expect(pages.some((page) => page.includes(photoSample))).toBe(false);

    // Every other file of the desktop, as it is on disk: nothing of hers, no photo in the clear.
    const everyFile = filesUnder(dataDir).filter((file) => !file.endsWith('.sqlite'));
    const otherPhotoBytes = photoBytes(otherPhoto.dataUrl);
    for (const file of everyFile) {
      const bytes = readFileSync(file);
      const text = bytes.toString('latin1').toLowerCase();
      for (const secret of secrets)
        expect(text.includes(secret.toLowerCase()), `${secret} in ${file}`).toBe(false);
      expect(bytes.includes(photoSample), `her photo in ${file}`).toBe(false);
      expect(bytes.includes(otherPhotoBytes), `a visible photo in the clear in ${file}`).toBe(false);
    }
    // The files folder, decrypted with the key: her photo is gone, the visible one is there, and
    // nothing opens without the key.
    const fileKey = fileKeyFor(cacheKey);
    const wrongKey = fileKeyFor(randomBytes(32).toString('hex'));
    const cached = filesUnder(join(dataDir, 'files'));
    expect(cached.map((file) => basename(file))).toContain(`photo-${other.client.photoFileId}.bin`);
    expect(cached.map((file) => basename(file))).not.toContain(`photo-${profile.client.photoFileId}.bin`);
    expect(cached.map((file) => basename(file))).not.toContain(`document-${leaseFile.fileId}.bin`);
    expect(existsSync(join(dataDir, 'downloads', linh.id))).toBe(false);
    for (const file of cached) {
      const bytes = readFileSync(file);
      expect(unseal(wrongKey, basename(file), bytes), file).toBeUndefined();
      const opened = unseal(fileKey, basename(file), bytes);
      expect(opened?.header.clientId).not.toBe(linh.id);
      expect(opened?.data.includes(photoSample)).toBe(false);
    }
  }, 180_000);
});

describe('when a client leaves a staff member’s sight while they are online', () => {
  let server: TestServer;
  let jordan: DesktopProcess;

  beforeAll(async () => {
    server = await startTestServer();
    jordan = await startDesktop({ serverUrl: server.url });
  });

  afterAll(async () => {
    await jordan?.stop();
    if (jordan) removeDataDir(jordan.dataDir);
    await server?.close();
  });

  it('rewrites the notification on the live stream and removes the draft at once', async () => {
    // Marcus (Harbor) is shared: Jordan sees him only through the sharing.
    const marcus = (
      await server.server.db.query<{ id: string; first_name: string; last_name: string }>(
        `SELECT id::text AS id, first_name, last_name FROM clients WHERE first_name = 'Marcus' AND shared`,
      )
    ).rows[0];
    if (!marcus) throw new Error('no shared demo client Marcus');
    await jordan.api.session.signIn({ username: 'jordan', password: PASSWORD });
    await eventually(
      'Marcus in jordan’s cache',
      async () => (await jordan.api.clients.get({ id: marcus.id })) ?? undefined,
    );
    const housing = need(
      (await catalogIds(server.server.db, NORTHSIDE)).assessments.get('Housing Needs Assessment'),
      'the housing assessment',
    );
    const sent = await sendRequestOk(server.url, await signIn(server.url, 'jordan'), {
      clientId: marcus.id,
      type: 'assessment',
      assessmentDefinitionId: housing,
    });
    const phone = await portalSignIn(server.url, 'marcus');
    const answered = await portalPost(server.url, phone, `/api/portal/requests/${sent.id}/assessment`, {
      assessmentDate: todayIsoDate(),
      answers: { living_situation: 'Emergency shelter', household_size: 1 },
    });
    expect(answered.status).toBe(201);
    const named = await eventually('the notification naming him', async () =>
      (await jordan.api.notifications.list({ limit: 50 })).find((n) => n.clientId === marcus.id),
    );
    expect(named.title).toContain(marcus.last_name);
    await jordan.api.drafts.save({
      key: newMessageDraftKey(marcus.id),
      clientId: marcus.id,
      threadId: null,
      content: [{ type: 'paragraph', children: [{ text: DRAFT_TEXT }] }],
    });

    // His agency stops sharing his record.
    const casey = await signIn(server.url, 'casey');
    const base = (await pullAll(server.url, casey, 'clients')).documents.find((doc) => doc.id === marcus.id);
    if (!base) throw new Error('casey does not have her agency’s client');
    expect(await editClient(server.url, casey, base, { shared: false })).toEqual({
      conflicts: [],
      refusals: [],
    });

    const rewritten = await eventually('the rewritten notification', async () => {
      const now = (await jordan.api.notifications.list({ limit: 50 })).find((n) => n.id === named.id);
      return now?.title === REDACTED_FULFILMENT_TITLES.assessment ? now : undefined;
    });
    expect(JSON.stringify(rewritten)).not.toContain(marcus.last_name);
    const notice = await eventually('the notice of deleted work', async () =>
      (await jordan.api.notices.list()).find((n) => /no longer have access/.test(n.title)),
    );
    expect(notice.message).toContain('1 draft to a client you no longer have access to was deleted.');
    expect(await jordan.api.drafts.get({ key: newMessageDraftKey(marcus.id) })).toBeNull();
  }, 120_000);
});
