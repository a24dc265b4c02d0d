import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MangoQuerySortPart } from 'rxdb';
import { BridgeError } from '../../../shared/bridge/envelope';
import type { DocumentRecordData, RecordKind, RecordSummary } from '../../../shared/domain/requests';
import { safeFileName } from '../../../shared/domain/safe-file-name';
import type { ClientDoc, RecordDoc, RequestDoc } from '../../../shared/replication/documents';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../../shared/text/product-texts';
import type { AgencyClient } from '../api/agency-client';
import type { CacheDatabase } from '../cache/open-cache';
import { checkFileSize } from '../files/attachment-upload';
import type { FileCache } from '../files/file-cache';
import type { DocumentHandoffPort } from '../ports';
import { staffNames } from './directory-names';

const NEWEST_FIRST: MangoQuerySortPart<RecordDoc>[] = [{ submittedAt: 'desc' }, { id: 'desc' }];

/** The record tabs of a client's profile, and the documents on them. */
export class RecordsService {
  constructor(
    private readonly db: CacheDatabase,
    private readonly client: () => AgencyClient,
    private readonly downloadsDir: string,
    private readonly handoff: DocumentHandoffPort,
    private readonly files: FileCache,
  ) {}

  async forClient(clientId: string, kind: RecordKind): Promise<RecordSummary[]> {
    const records = (
      await this.db.records.find({ selector: { clientId, kind }, sort: NEWEST_FIRST }).exec()
    ).map((doc) => doc.toJSON() as RecordDoc);
    return this.summaries(records);
  }

  async summaries(records: RecordDoc[]): Promise<RecordSummary[]> {
    const requests = await this.db.requests.findByIds(records.map((r) => r.requestId).filter(Boolean)).exec();
    const clients = await this.db.clients.findByIds([...new Set(records.map((r) => r.clientId))]).exec();
    const names = await staffNames(
      this.db,
      records.map((r) => r.requestedByStaffId),
    );
    return records.map((record) => {
      const request = requests.get(record.requestId)?.toJSON() as RequestDoc | undefined;
      const client = clients.get(record.clientId)?.toJSON() as ClientDoc | undefined;
      const staffName = names.get(record.requestedByStaffId) ?? '';
      return {
        id: record.id,
        kind: record.kind,
        title: record.title,
        submittedAt: record.submittedAt,
        submittedBy: record.submittedBy,
        submittedByName:
          record.submittedBy === 'client'
            ? client
              ? `${client.firstName} ${client.lastName}`
              : 'The client'
            : staffName,
        requestedByName: record.requestId ? staffName : '',
        requestSentAt: request?.sentAt ?? '',
        private: record.private,
        data: record.data,
      };
    });
  }

  /**
   * Downloads a document's file once (kept sealed in the file cache), then opens it (with the OS,
   * or at a URL the browser host answers for a new tab) or lets the person save it. The OS needs
   * the file itself, so each open or save writes a plain copy for that hand-off only, under the
   * client's folder in downloads/: removed at the next sign-in, on sign-out, and when the client
   * leaves this computer.
   */
  async openFile(
    recordId: string,
    fileId: string,
    action: 'open' | 'save',
  ): Promise<{ fileName: string; browserUrl: string | null }> {
    const record = await this.db.records.findOne(recordId).exec();
    const file =
      record?.kind === 'document'
        ? (record.data as DocumentRecordData).files.find((f) => f.fileId === fileId)
        : undefined;
    if (!record || !file) throw new BridgeError('not_found', 'That file is no longer on this record.');
    const bytes = await this.files.document(fileId, record.clientId, () =>
      this.client().download(`/api/records/${recordId}/files/${fileId}`),
    );
    const folder = join(this.downloadsDir, record.clientId, fileId);
    const path = join(folder, safeFileName(file.name, 'document'));
    mkdirSync(folder, { recursive: true });
    writeFileSync(path, bytes, { mode: 0o600 });
    if (action === 'open') return { fileName: file.name, browserUrl: await this.handoff.open(path) };
    await this.handoff.save(path, file.name);
    return { fileName: file.name, browserUrl: this.handoff.browserUrl(path) };
  }

  /**
   * Adds a document from files on this computer. Every size is checked with stat before anything
   * is read, so a huge file is refused at once; the total must also fit the 25MB limit.
   */
  async addDocument(input: {
    clientId: string;
    categoryId: string;
    name: string;
    private: boolean;
    paths: string[];
  }): Promise<RecordSummary> {
    const checked = await Promise.all(input.paths.map((path) => checkFileSize(path)));
    const total = checked.reduce((sum, file) => sum + file.size, 0);
    if (total > MAX_UPLOAD_BYTES) throw new BridgeError('invalid_input', PRODUCT_TEXTS.invalidFileSize);
    const answer = await this.client().uploadClientDocument(
      input.clientId,
      { categoryId: input.categoryId, name: input.name, private: input.private },
      checked.map((file) => ({ path: file.path, name: basename(file.path) })),
    );
    const [summary] = await this.summaries([answer.record]);
    if (!summary) throw new BridgeError('internal', 'The document was added but could not be shown.');
    return summary;
  }
}
