import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../../shared/replication/documents';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../../shared/text/product-texts';
import { type ApiResponse, expectStatus } from '../../support/api';
import { HARBOR } from '../../support/demo-lookup';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn } from '../../support/messaging';
import {
  catalogIds,
  filler,
  need,
  postMultipart,
  sendRequestOk,
  storedCounts,
  type UploadPart,
} from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Documents may be any type, at most 25MB (26,214,400 bytes) for all files of one submission
 * together. Over it the server stops reading, keeps nothing and answers the product's exact text.
 */
describe('document uploads and the 25MB limit', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let marcus: string;
  let incomeCategory: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    casey = await signIn(ts.url, 'casey');
    marcus = await portalSignIn(ts.url, 'marcus');
    incomeCategory = need((await catalogIds(ts.server.db, HARBOR)).categories.get('Income'), 'Income');
  });
  afterAll(() => ts.close());

  const counts = () => storedCounts(ts.server.db, () => ts.server.files.list());

  const staffUpload = (files: UploadPart[], options: { chunked?: boolean } = {}) =>
    postMultipart(ts.url, `/api/clients/${idAt(ids, 0)}/documents`, {
      token: casey,
      fields: { categoryId: incomeCategory, name: 'Bank Statement', private: 'false' },
      files,
      ...options,
    });

  const expectTooLargeAndNothingKept = async (upload: () => Promise<ApiResponse>) => {
    const before = await counts();
    const response = await upload();
    const error = expectErrorResponse(response, 413);
    expect(error.message).toBe(PRODUCT_TEXTS.invalidFileSize);
    expect(error.message).toBe(
      'Invalid file size. The total of all files must be less than or equal to 25MB.',
    );
    expect(await counts()).toEqual(before);
    // Nothing half-written either: the store's folder holds no temporary files.
    expect((await ts.server.files.list()).filter((name) => name.endsWith('.partial'))).toEqual([]);
  };

  describe('staff adding a document to a client’s record', () => {
    it('accepts exactly 26,214,400 bytes and serves the file back as a download', async () => {
      expect(MAX_UPLOAD_BYTES).toBe(26_214_400);
      const before = await counts();
      const response = await staffUpload([
        { name: 'statement.pdf', content: MAX_UPLOAD_BYTES, contentType: 'application/pdf' },
      ]);
      expectStatus(response, 201);
      const record = (response.body as { record: RecordDoc }).record;
      expect(record).toMatchObject({
        kind: 'document',
        submittedBy: 'staff',
        title: 'Bank Statement',
        private: false,
        requestId: '',
        data: { categoryName: 'Income', name: 'Bank Statement' },
      });
      const files = (record.data as { files: { fileId: string; size: number; name: string }[] }).files;
      expect(files).toEqual([
        {
          fileId: expect.any(String),
          name: 'statement.pdf',
          size: MAX_UPLOAD_BYTES,
          contentType: 'application/pdf',
        },
      ]);
      const after = await counts();
      expect(after).toEqual({
        store: before.store + 1,
        files: before.files + 1,
        records: before.records + 1,
        recordFiles: before.recordFiles + 1,
      });
      const download = await fetch(
        `${ts.url}/api/records/${record.id}/files/${need(files[0], 'file').fileId}`,
        {
          headers: { authorization: `Bearer ${casey}` },
        },
      );
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toContain('attachment; filename="statement.pdf"');
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(bytes.equals(filler(MAX_UPLOAD_BYTES))).toBe(true);
    });

    it('refuses 26,214,401 bytes with the exact message, keeping no file and no row', async () => {
      await expectTooLargeAndNothingKept(() =>
        staffUpload([{ name: 'big.bin', content: MAX_UPLOAD_BYTES + 1 }]),
      );
    });

    it('counts the bytes as they stream, not what the request declares', async () => {
      await expectTooLargeAndNothingKept(() =>
        staffUpload([{ name: 'big.bin', content: MAX_UPLOAD_BYTES + 1 }], { chunked: true }),
      );
    });

    it('refuses two files that are each under the limit but together over it, keeping neither', async () => {
      await expectTooLargeAndNothingKept(() =>
        staffUpload([
          { name: 'first.bin', content: 20_000_000 },
          { name: 'second.bin', content: MAX_UPLOAD_BYTES - 20_000_000 + 1 },
        ]),
      );
    });

    it('accepts several files of any type, compressed ones too, up to the limit together', async () => {
      const response = await staffUpload([
        { name: 'scans.zip', content: 12_000_000, contentType: 'application/zip' },
        { name: 'letter.txt.gz', content: MAX_UPLOAD_BYTES - 12_000_000, contentType: 'application/gzip' },
      ]);
      expectStatus(response, 201);
      const record = (response.body as { record: RecordDoc }).record;
      expect((record.data as { files: { name: string; contentType: string }[] }).files).toMatchObject([
        { name: 'scans.zip', contentType: 'application/zip' },
        { name: 'letter.txt.gz', contentType: 'application/gzip' },
      ]);
    });
  });

  describe('a client fulfilling a document request', () => {
    const documentRequest = () =>
      sendRequestOk(ts.url, casey, {
        clientId: idAt(ids, 0),
        type: 'document',
        documentCategoryId: incomeCategory,
        documentName: 'Pay Stub',
      });
    const portalUpload = (requestId: string, files: UploadPart[]) =>
      postMultipart(ts.url, `/api/portal/requests/${requestId}/documents`, { token: marcus, files });
    const statusOf = async (requestId: string) => {
      const result = await ts.server.db.query<{ status: string }>(
        'SELECT status FROM portal_requests WHERE id = $1::uuid',
        [requestId],
      );
      return result.rows[0]?.status;
    };

    it('accepts exactly 26,214,400 bytes and completes the request', async () => {
      const request = await documentRequest();
      const response = await portalUpload(request.id, [{ name: 'paystub.pdf', content: MAX_UPLOAD_BYTES }]);
      expectStatus(response, 201);
      expect(response.body).toMatchObject({
        request: { id: request.id, status: 'completed' },
        record: { kind: 'document', title: 'Pay Stub', requestId: request.id },
      });
      expect(await statusOf(request.id)).toBe('completed');
    });

    it('refuses 26,214,401 bytes with the exact message, keeping nothing and the request open', async () => {
      const request = await documentRequest();
      await expectTooLargeAndNothingKept(() =>
        portalUpload(request.id, [{ name: 'paystub.pdf', content: MAX_UPLOAD_BYTES + 1 }]),
      );
      expect(await statusOf(request.id)).toBe('sent');
    });

    it('refuses files that together go over the limit, keeping none of them', async () => {
      const request = await documentRequest();
      await expectTooLargeAndNothingKept(() =>
        portalUpload(request.id, [
          { name: 'page-1.jpg', content: 13_107_200, contentType: 'image/jpeg' },
          { name: 'page-2.jpg', content: 13_107_201, contentType: 'image/jpeg' },
        ]),
      );
      expect(await statusOf(request.id)).toBe('sent');
    });

    it('lets the client download the file it sent', async () => {
      const request = await documentRequest();
      const response = await portalUpload(request.id, [
        { name: 'paystub march.pdf', content: new TextEncoder().encode('%PDF-1.4 demo') },
      ]);
      expectStatus(response, 201);
      const record = (response.body as { record: { id: string; data: { files: { fileId: string }[] } } })
        .record;
      const fileId = need(record.data.files[0], 'file').fileId;
      const download = await fetch(`${ts.url}/api/records/${record.id}/files/${fileId}`, {
        headers: { authorization: `Bearer ${marcus}` },
      });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toBe(
        `attachment; filename="paystub march.pdf"; filename*=UTF-8''paystub%20march.pdf`,
      );
      expect(await download.text()).toBe('%PDF-1.4 demo');
    });
  });
});
