import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc, RequestDoc } from '../../../shared/replication/documents';
import { currentClient, editClient, expectStatus, push, request } from '../../support/api';
import { type AuditRow, agencyIdByName, auditRows } from '../../support/audit';
import { HARBOR, NORTHSIDE } from '../../support/demo-lookup';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { finishedJob, startMassSend } from '../../support/mass-send';
import { portalSignIn, sendAsStaffOk } from '../../support/messaging';
import { catalogIds, need, postMultipart, sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { pngBytes, upload } from '../../support/uploads';

/** A seeded server takes a while to start on a busy machine. */
const SERVER_START_MS = 180_000;

/*
 * Every action the audit log promises to record writes its entry, with who, what, when and from
 * where. Password, two-factor and unlock entries are checked in account-security.test.ts, and
 * deactivation in deactivation.test.ts, where those actions are exercised.
 */
describe('what the audit log records', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let alex: string;
  let marcus: string;
  let caseyId: string;
  let alexId: string;
  let harbor: string;
  const USER_AGENT = 'Portico Desktop/0.1 (actions test)';

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    casey = await signIn(ts.url, 'casey');
    alex = await signIn(ts.url, 'alex');
    marcus = await portalSignIn(ts.url, 'marcus');
    caseyId = await userId(ts.server.db, 'casey');
    alexId = await userId(ts.server.db, 'alex');
    harbor = await agencyIdByName(ts.server.db, HARBOR);
  }, SERVER_START_MS);
  afterAll(() => ts.close());

  const marcusId = () => idAt(ids, 0);
  const only = async (action: string, where = 'true', params: unknown[] = []): Promise<AuditRow> => {
    const rows = await auditRows(ts.server.db, action, where, params);
    expect(rows, `${action} entries`).toHaveLength(1);
    return need(rows[0], action);
  };
  const call = (path: string, token: string, method: string, json?: unknown) =>
    request(ts.url, path, { method, token, json, headers: { 'user-agent': USER_AGENT } });

  it('sign-ins, failed and successful, staff and clients', async () => {
    await request(ts.url, '/api/auth/login', { method: 'POST', json: { username: 'priya', password: 'no' } });
    const failed = await only('auth.sign_in_failed', "details->>'username' = 'priya'");
    expect(failed).toMatchObject({ actor_kind: 'staff', actor_name: 'Priya Shah', agency_id: harbor });
    expect(failed.details).toEqual({ username: 'priya', reason: 'wrong_password' });
    expect((await auditRows(ts.server.db, 'auth.sign_in', 'actor_id = $2::uuid', [caseyId])).length).toBe(1);
    const portal = await only('portal.sign_in', 'actor_id = $2::uuid', [marcusId()]);
    expect(portal).toMatchObject({ actor_kind: 'client', actor_name: 'Marcus Johnson', agency_id: harbor });
    expect(portal.ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('a staff message and a client’s reply', async () => {
    const sent = await sendAsStaffOk(ts.url, casey, { clientId: marcusId(), html: '<p>Hello Marcus</p>' });
    const entry = await only('message.send', 'subject_id = $2', [sent.message.id]);
    expect(entry).toMatchObject({
      actor_id: caseyId,
      actor_name: 'Casey Morgan',
      subject_kind: 'message',
      client_id: marcusId(),
      agency_id: harbor,
      private: false,
      details: { threadId: sent.thread.id },
    });
    const reply = await request(ts.url, `/api/portal/threads/${sent.thread.id}/messages`, {
      method: 'POST',
      token: marcus,
      json: { html: '<p>Thanks</p>' },
    });
    expectStatus(reply, 201);
    const replyId = (reply.body as { message: { id: string } }).message.id;
    expect(await only('portal.message_send', 'subject_id = $2', [replyId])).toMatchObject({
      actor_kind: 'client',
      actor_id: marcusId(),
      client_id: marcusId(),
      agency_id: harbor,
    });
  });

  it('a request sent, fulfilled by the client, and another cancelled by replication', async () => {
    const sent = await sendRequestOk(ts.url, casey, {
      clientId: marcusId(),
      type: 'location',
      private: true,
    });
    expect(await only('request.send', 'subject_id = $2', [sent.id])).toMatchObject({
      actor_id: caseyId,
      client_id: marcusId(),
      private: true,
      details: { type: 'location', description: 'Location' },
    });
    const fulfilled = await request(ts.url, `/api/portal/requests/${sent.id}/location`, {
      method: 'POST',
      token: marcus,
      json: { address: '1 Harbor Way' },
    });
    expectStatus(fulfilled, 201);
    const record = (fulfilled.body as { record: { id: string } }).record;
    expect(await only('portal.request_fulfil', 'subject_id = $2', [sent.id])).toMatchObject({
      actor_kind: 'client',
      actor_id: marcusId(),
      agency_id: harbor,
      private: true,
      details: { type: 'location', recordId: record.id },
    });

    const toCancel: RequestDoc = await sendRequestOk(ts.url, casey, {
      clientId: marcusId(),
      type: 'location',
    });
    const base = { ...toCancel, _deleted: false };
    const answer = await push(ts.url, casey, 'requests', [
      { assumedMasterState: base, newDocumentState: { ...base, status: 'cancelled' } },
    ]);
    expect(answer.refusals).toEqual([]);
    expect(await only('request.cancel', 'subject_id = $2', [toCancel.id])).toMatchObject({
      actor_id: caseyId,
      client_id: marcusId(),
    });
  });

  it('documents added by staff and by the client, and their downloads', async () => {
    const category = need((await catalogIds(ts.server.db, HARBOR)).categories.get('Income'), 'Income');
    const added = await postMultipart(ts.url, `/api/clients/${marcusId()}/documents`, {
      token: casey,
      fields: { categoryId: category, name: 'Pay stub', private: 'false' },
      files: [{ name: 'stub.pdf', content: 2048, contentType: 'application/pdf' }],
    });
    expectStatus(added, 201);
    const record = (added.body as { record: RecordDoc }).record;
    expect(await only('record.add', 'subject_id = $2', [record.id])).toMatchObject({
      actor_id: caseyId,
      client_id: marcusId(),
      details: { kind: 'document', files: 1 },
    });
    const fileId = need((record.data as { files: { fileId: string }[] }).files[0], 'file').fileId;
    expectStatus(await call(`/api/records/${record.id}/files/${fileId}`, alex, 'GET'), 200);
    expect(await only('file.download', 'subject_id = $2', [fileId])).toMatchObject({
      actor_id: alexId,
      client_id: marcusId(),
      user_agent: USER_AGENT,
      details: { recordId: record.id },
    });

    const own = await postMultipart(ts.url, '/api/portal/documents', {
      token: marcus,
      fields: { name: 'ID card' },
      files: [{ name: 'id.jpg', content: 1024, contentType: 'image/jpeg' }],
    });
    expectStatus(own, 201);
    const ownRecord = (own.body as { record: { id: string } }).record;
    expect(await only('portal.document_upload', 'subject_id = $2', [ownRecord.id])).toMatchObject({
      actor_kind: 'client',
      client_id: marcusId(),
    });
  });

  it('photo and picture downloads', async () => {
    const photo = await ts.server.db.query<{ id: string }>(
      'SELECT photo_file_id::text AS id FROM clients WHERE id = $1::uuid',
      [marcusId()],
    );
    const photoId = need(photo.rows[0]?.id ?? undefined, 'photo');
    expectStatus(await call(`/api/files/${photoId}`, casey, 'GET'), 200);
    expect(await only('file.download', 'subject_id = $2', [photoId])).toMatchObject({
      client_id: marcusId(),
      details: { kind: 'photo' },
    });
    const picture = await upload(ts.url, pngBytes(512), { token: casey, contentType: 'image/png' });
    const { id } = picture.body as { id: string };
    expectStatus(await call(`/api/attachments/${id}`, casey, 'GET'), 200);
    expect(await only('file.download', 'subject_id = $2', [id])).toMatchObject({
      actor_id: caseyId,
      details: { kind: 'attachment' },
    });
  });

  it('a mass send, and each client it reaches', async () => {
    const clientIds = [idAt(ids, 0), idAt(ids, 1), idAt(ids, 11)];
    const job = await startMassSend(ts.url, casey, { clientIds, html: '<p>Clinic on Friday</p>' });
    const done = await finishedJob(ts.url, casey, job.id);
    expect(await only('mass_send.create', 'subject_id = $2', [job.id])).toMatchObject({
      actor_id: caseyId,
      details: { kind: 'message', recipients: 3 },
    });
    const delivered = await auditRows(ts.server.db, 'mass_send.deliver', "details->>'massSendId' = $2", [
      job.id,
    ]);
    expect(delivered).toHaveLength(done.sent);
    // Client 11 has no portal account: skipped, so nothing was sent to it and nothing is logged.
    expect(delivered.map((row) => row.client_id).sort()).toEqual([idAt(ids, 0), idAt(ids, 1)].sort());
    for (const row of delivered)
      expect(row).toMatchObject({ actor_id: caseyId, actor_name: 'Casey Morgan', subject_kind: 'message' });
    // Each entry names the very message that client received.
    const messages = await ts.server.db.query<{ id: string; client_id: string }>(
      'SELECT id::text AS id, client_id::text AS client_id FROM messages WHERE id::text = ANY($1::text[])',
      [delivered.map((row) => row.subject_id)],
    );
    expect(messages.rows.map((m) => `${m.client_id}/${m.id}`).sort()).toEqual(
      delivered.map((row) => `${row.client_id}/${row.subject_id}`).sort(),
    );
  });

  it('MY INFO settings and the agency’s catalog', async () => {
    expectStatus(await call('/api/me/settings', casey, 'PATCH', { allowClientContact: false }), 200);
    expect(await only('settings.change', 'actor_id = $2::uuid', [caseyId])).toMatchObject({
      details: { allowClientContact: false },
    });
    const created = await call('/api/admin/document-categories', alex, 'POST', {
      name: 'Medical',
      predefinedNames: ['Insurance card'],
    });
    expectStatus(created, 201);
    const categoryId = (created.body as { category: { id: string } }).category.id;
    expectStatus(
      await call(`/api/admin/document-categories/${categoryId}`, alex, 'PATCH', { active: false }),
      200,
    );
    const assessment = await call('/api/admin/assessments', alex, 'POST', {
      name: 'Intake',
      fields: [{ key: 'notes', label: 'Notes', type: 'text' }],
    });
    expectStatus(assessment, 201);
    const assessmentId = (assessment.body as { assessment: { id: string } }).assessment.id;
    expectStatus(
      await call(`/api/admin/assessments/${assessmentId}`, alex, 'PATCH', { name: 'Intake 2' }),
      200,
    );
    expectStatus(await call('/api/admin/agency-settings', alex, 'PATCH', { roiTermDays: 180 }), 200);
    expect(await only('catalog.category_create', 'subject_id = $2', [categoryId])).toMatchObject({
      actor_id: alexId,
      agency_id: harbor,
      details: { name: 'Medical' },
    });
    expect((await only('catalog.category_update', 'subject_id = $2', [categoryId])).details).toEqual({
      fields: ['active'],
    });
    await only('catalog.assessment_create', 'subject_id = $2', [assessmentId]);
    await only('catalog.assessment_update', 'subject_id = $2', [assessmentId]);
    expect((await only('catalog.agency_settings')).details).toEqual({ roiTermDays: 180 });
  });

  it('a client record’s sharing and other changes pushed from a desktop', async () => {
    const client = idAt(ids, 11);
    const base = await currentClient(ts.url, alex, client);
    expect(base.shared).toBe(false);
    expect((await editClient(ts.url, alex, base, { shared: true })).refusals).toEqual([]);
    const shared = await currentClient(ts.url, alex, client);
    expect((await editClient(ts.url, alex, shared, { shared: false, phone: '555-0100' })).refusals).toEqual(
      [],
    );
    const unshared = await currentClient(ts.url, alex, client);
    expect((await editClient(ts.url, alex, unshared, { email: 'someone@example.org' })).refusals).toEqual([]);
    // Old and new values of every field changed, so nothing a later change replaces is lost.
    const at = expect.any(String);
    expect(await only('client.share', 'client_id = $2::uuid', [client])).toMatchObject({
      actor_id: alexId,
      details: { fields: ['shared'], changes: { shared: { old: false, new: true, editedAt: at } } },
    });
    expect((await only('client.unshare', 'client_id = $2::uuid', [client])).details).toEqual({
      fields: ['phone', 'shared'],
      changes: {
        phone: { old: shared.phone, new: '555-0100', editedAt: at },
        shared: { old: true, new: false, editedAt: at },
      },
    });
    expect((await only('client.update', 'client_id = $2::uuid', [client])).details).toEqual({
      fields: ['email'],
      changes: { email: { old: unshared.email, new: 'someone@example.org', editedAt: at } },
    });
  });

  it('invitations, a client joining, and a disconnect', async () => {
    const client = idAt(ids, 6);
    const path = `/api/clients/${client}/portal`;
    expectStatus(await call(`${path}/invite`, casey, 'POST'), 200);
    expectStatus(await call(`${path}/invite`, casey, 'DELETE'), 200);
    const invited = await call(`${path}/invite`, casey, 'POST');
    const token = (invited.body as { inviteUrl: string }).inviteUrl.split('#')[1] ?? '';
    const joined = await request(ts.url, `/api/portal/invites/${token}/accept`, {
      method: 'POST',
      json: { username: 'devon', password: 'walk2thepark' },
    });
    expectStatus(joined, 201);
    expectStatus(await call(`${path}/disconnect`, casey, 'POST'), 200);
    expect(await auditRows(ts.server.db, 'invite.send', 'client_id = $2::uuid', [client])).toHaveLength(2);
    await only('invite.cancel', 'client_id = $2::uuid', [client]);
    expect(await only('portal.join', 'client_id = $2::uuid', [client])).toMatchObject({
      actor_kind: 'client',
      actor_id: client,
      details: { username: 'devon' },
    });
    expect(await only('invite.disconnect', 'client_id = $2::uuid', [client])).toMatchObject({
      actor_id: caseyId,
      user_agent: USER_AGENT,
    });
  });

  it('entries of another agency are that agency’s', async () => {
    const northside = await agencyIdByName(ts.server.db, NORTHSIDE);
    const jordan = await signIn(ts.url, 'jordan');
    const sent = await sendAsStaffOk(ts.url, jordan, {
      clientId: marcusId(),
      html: '<p>From the shelter</p>',
    });
    expect(await only('message.send', 'subject_id = $2', [sent.message.id])).toMatchObject({
      agency_id: northside,
      client_agency_id: harbor,
    });
  });
});
