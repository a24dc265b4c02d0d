import type { MangoQuerySortPart } from 'rxdb';
import type { SendRequestInput } from '../../../shared/bridge/contract';
import { BridgeError } from '../../../shared/bridge/envelope';
import { todayIsoDate } from '../../../shared/domain/dates';
import {
  isOpenRequest,
  OTHER_DOCUMENT_NAME,
  REQUEST_TYPE_LABELS,
  type RequestOptions,
  type RequestSummary,
  type RoiRecordData,
} from '../../../shared/domain/requests';
import { openRoiRequestText, type RoiRequestState, roiRequestRefusal } from '../../../shared/domain/roi-rule';
import type { SessionUser } from '../../../shared/domain/session';
import { formatDayInTimeZone } from '../../../shared/domain/time-zone';
import type { CatalogDoc, RecordDoc, RequestDoc } from '../../../shared/replication/documents';
import { PRODUCT_TEXTS } from '../../../shared/text/product-texts';
import type { OutboxDoc } from '../cache/local-schemas';
import type { CacheDatabase } from '../cache/open-cache';
import type { OutboxService } from '../messaging/outbox-service';
import { staffNames } from './directory-names';

const NEWEST_FIRST: MangoQuerySortPart<RequestDoc>[] = [{ sentAt: 'desc' }, { id: 'desc' }];

/** Customer Portal requests: the CUSTOMER PORTAL page, SEND REQUEST, cancelling, from the cache. */
export class RequestsService {
  constructor(
    private readonly db: CacheDatabase,
    private readonly user: SessionUser,
    private readonly outbox: OutboxService,
    private readonly onLocalEdit: (requestId: string) => Promise<void>,
  ) {}

  async forClient(clientId: string): Promise<RequestSummary[]> {
    const docs = (await this.db.requests.find({ selector: { clientId }, sort: NEWEST_FIRST }).exec()).map(
      (doc) => doc.toJSON() as RequestDoc,
    );
    const queued = (await this.outbox.list('request')).filter((item) => item.clientId === clientId);
    const names = await staffNames(this.db, [...docs.map((doc) => doc.senderStaffId), this.user.id]);
    const sent: RequestSummary[] = docs.map((doc) => ({
      id: doc.id,
      type: doc.type,
      description: doc.description,
      senderStaffId: doc.senderStaffId,
      senderName: names.get(doc.senderStaffId) ?? 'Staff',
      sentAt: doc.sentAt,
      private: doc.private,
      status: doc.status,
      error: null,
      viewedAt: doc.viewedAt,
      completedAt: doc.completedAt,
      dueDate: doc.dueDate,
      recordId: doc.recordId,
      canCancel: doc.senderStaffId === this.user.id && isOpenRequest(doc.status),
    }));
    const waiting = await Promise.all(
      queued.map((item) => this.queuedSummary(item, names.get(this.user.id) ?? '')),
    );
    return [...waiting.reverse(), ...sent];
  }

  async options(clientId: string): Promise<RequestOptions> {
    const catalog = (await this.db.catalog.find({ selector: { agencyId: this.user.agencyId } }).exec()).map(
      (doc) => doc.toJSON() as CatalogDoc,
    );
    const assessments = catalog
      .filter((item) => item.kind === 'assessment' && item.active && item.portalEnabled)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((item) => ({
        id: item.id,
        name: item.name,
        description: item.description,
        requiredFields: item.fields.filter((field) => field.required).length,
        fields: item.fields.length,
      }));
    const documentCategories = catalog
      .filter((item) => item.kind === 'documentCategory' && item.active)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((item) => ({ id: item.id, name: item.name, predefinedNames: [...item.predefinedNames] }));
    const roiRefusal = await this.roiRefusal(clientId);
    return { assessments, documentCategories, roiAllowed: roiRefusal === null, roiRefusal };
  }

  /**
   * Checks what the cache can check (the ROI rule, the catalog) and queues the request; the server
   * checks it all again when it arrives.
   */
  async send(input: SendRequestInput): Promise<RequestSummary> {
    if (!(await this.db.clients.findOne(input.clientId).exec())) {
      throw new BridgeError('not_found', 'This client is no longer available on this computer.');
    }
    const roiRefusal = input.type === 'roi' ? await this.roiRefusal(input.clientId) : null;
    if (roiRefusal !== null) throw new BridgeError('conflict', roiRefusal);
    const options = await this.options(input.clientId);
    if (
      input.type === 'assessment' &&
      !options.assessments.some((a) => a.id === input.assessmentDefinitionId)
    ) {
      throw new BridgeError(
        'invalid_input',
        'That assessment cannot be requested through the Customer Portal.',
      );
    }
    if (input.type === 'document') {
      const category = options.documentCategories.find((c) => c.id === input.documentCategoryId);
      const known =
        input.documentName === OTHER_DOCUMENT_NAME ||
        category?.predefinedNames.includes(input.documentName ?? '');
      if (!category || !known)
        throw new BridgeError('invalid_input', 'Select a category and a predefined name.');
    }
    const item = await this.outbox.enqueueRequest(input);
    return this.queuedSummary(item, (await staffNames(this.db, [this.user.id])).get(this.user.id) ?? '');
  }

  /** Cancels one of the signed-in staff member's open requests; it syncs like an edit. */
  async cancel(requestId: string): Promise<void> {
    const doc = await this.db.requests.findOne(requestId).exec();
    if (!doc) throw new BridgeError('not_found', 'That request is no longer on this computer.');
    if (doc.senderStaffId !== this.user.id)
      throw new BridgeError('forbidden', 'Only the sender can cancel a request.');
    if (!isOpenRequest(doc.status))
      throw new BridgeError('conflict', 'Only a request the client has not answered can be cancelled.');
    await this.onLocalEdit(requestId);
    await doc.incrementalPatch({ status: 'cancelled', cancelledAt: new Date().toISOString() });
  }

  /**
   * The one-active-ROI rule with what this desktop knows: the ROIs and ROI requests in its cache
   * (another agency's private ones never reach it; the server decides with every one) and ROI
   * requests still waiting in its outbox. Null when a request may go; else the pop-up's words.
   */
  private async roiRefusal(clientId: string): Promise<string | null> {
    const rois = await this.db.records.find({ selector: { clientId, kind: 'roi' } }).exec();
    const sent = (await this.db.requests.find({ selector: { clientId, type: 'roi' } }).exec()).map(
      (doc) => doc.toJSON() as RequestDoc,
    );
    const requests: (RoiRequestState & { senderStaffId: string; agencyId: string })[] = [...sent];
    for (const item of await this.outbox.list('request')) {
      const payload = item.payload as SendRequestInput;
      if (item.clientId !== clientId || payload.type !== 'roi' || item.state === 'failed') continue;
      // Not sent yet, so not expiring yet: it is open until the server answers.
      const never = new Date(8.64e15).toISOString();
      requests.push({
        status: 'sent',
        sentAt: item.createdAt,
        expiresAt: never,
        senderStaffId: this.user.id,
        agencyId: this.user.agencyId,
      });
    }
    const now = new Date();
    const refusal = roiRequestRefusal(
      rois.map((doc) => (doc.toJSON() as RecordDoc).data as RoiRecordData),
      requests,
      todayIsoDate(now),
      now,
    );
    if (!refusal) return null;
    if (refusal.reason === 'active_roi') return PRODUCT_TEXTS.activeRoiExists;
    const open = refusal.request;
    const names = await staffNames(this.db, [open.senderStaffId, open.agencyId]);
    return openRoiRequestText({
      senderName: names.get(open.senderStaffId) ?? 'another staff member',
      agencyName: names.get(open.agencyId) ?? 'another agency',
      sentOn: formatDayInTimeZone(open.sentAt, Intl.DateTimeFormat().resolvedOptions().timeZone),
      sentByViewer: open.senderStaffId === this.user.id,
    });
  }

  private async queuedSummary(item: OutboxDoc, senderName: string): Promise<RequestSummary> {
    const payload = item.payload as SendRequestInput;
    return {
      id: item.id,
      type: payload.type,
      description: await this.describe(payload),
      senderStaffId: this.user.id,
      senderName,
      sentAt: item.createdAt,
      private: payload.private,
      status: item.state === 'failed' ? 'failed' : 'waiting',
      error: item.error || null,
      viewedAt: '',
      completedAt: '',
      dueDate: payload.dueDate ?? '',
      recordId: '',
      canCancel: false,
    };
  }

  /** The same words the server will store, so a queued request reads like a sent one. */
  private async describe(request: SendRequestInput): Promise<string> {
    if (request.type === 'assessment') {
      const definition = await this.db.catalog.findOne(request.assessmentDefinitionId ?? '').exec();
      return definition?.name ?? REQUEST_TYPE_LABELS.assessment;
    }
    if (request.type === 'document') {
      const category = await this.db.catalog.findOne(request.documentCategoryId ?? '').exec();
      const name = request.documentName === OTHER_DOCUMENT_NAME ? request.otherName : request.documentName;
      return `${category?.name ?? 'Document'}: ${name ?? ''}`;
    }
    return REQUEST_TYPE_LABELS[request.type];
  }
}
