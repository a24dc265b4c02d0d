import type { MassSendInput } from '../../../shared/bridge/contract';
import { BridgeError } from '../../../shared/bridge/envelope';
import { todayIsoDate } from '../../../shared/domain/dates';
import type {
  MassSendJobView,
  MassSendResult,
  RecipientFilter,
  RecipientPreview,
} from '../../../shared/domain/mass-send';
import type { SessionUser } from '../../../shared/domain/session';
import type { ClientDoc, DirectoryDoc, MembershipDoc } from '../../../shared/replication/documents';
import { htmlToPlainText } from '../../../shared/rich-text';
import type { AgencyClient } from '../api/agency-client';
import type { OutboxDoc } from '../cache/local-schemas';
import type { CacheDatabase } from '../cache/open-cache';
import type { OutboxService } from '../messaging/outbox-service';

function isExited(enrollment: MembershipDoc, today: string): boolean {
  return enrollment.endDate !== '' && enrollment.endDate < today;
}

/**
 * MASS SENDING: picks recipients from the cache (so it works offline), queues the job in the
 * outbox, and shows the server's progress and per-client results. The server re-checks every
 * recipient; what it skips comes back with a reason.
 */
export class MassSendService {
  /** The last job list the server gave, shown while offline. */
  private lastJobs: MassSendJobView[] = [];

  constructor(
    private readonly db: CacheDatabase,
    private readonly user: SessionUser,
    private readonly outbox: OutboxService,
    private readonly client: () => AgencyClient,
  ) {}

  async programs(): Promise<{ id: string; name: string }[]> {
    const docs = await this.db.directory
      .find({ selector: { kind: 'program', agencyId: this.user.agencyId } })
      .exec();
    return docs
      .map((doc) => doc.toJSON() as DirectoryDoc)
      .filter((program) => program.active)
      .map((program) => ({ id: program.id, name: program.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async recipients(filter: RecipientFilter): Promise<RecipientPreview[]> {
    const programs = (
      await this.db.directory.find({ selector: { kind: 'program', agencyId: this.user.agencyId } }).exec()
    ).map((doc) => doc.toJSON() as DirectoryDoc);
    const agencyPrograms = new Map(programs.map((program) => [program.id, program.name]));
    const chosen = new Set(
      filter.allPrograms ? agencyPrograms.keys() : filter.programIds.filter((id) => agencyPrograms.has(id)),
    );
    const enrollments = (await this.db.memberships.find({ selector: { kind: 'enrollment' } }).exec())
      .map((doc) => doc.toJSON() as MembershipDoc)
      .filter((enrollment) => agencyPrograms.has(enrollment.programId));
    const today = todayIsoDate();
    const byClient = new Map<string, string[]>();
    for (const enrollment of enrollments) {
      if (!chosen.has(enrollment.programId)) continue;
      if (isExited(enrollment, today) !== (filter.enrollmentStatus === 'inactive')) continue;
      const names = byClient.get(enrollment.clientId) ?? [];
      names.push(agencyPrograms.get(enrollment.programId) ?? '');
      byClient.set(enrollment.clientId, names);
    }
    const connected = (await this.db.clients.find({ selector: { portalConnected: true } }).exec()).map(
      (doc) => doc.toJSON() as ClientDoc,
    );
    const enrolledHere = new Set(enrollments.map((enrollment) => enrollment.clientId));
    return connected
      .filter(
        (client) => byClient.has(client.id) || (filter.withoutEnrollment && !enrolledHere.has(client.id)),
      )
      .map((client) => ({
        clientId: client.id,
        firstName: client.firstName,
        lastName: client.lastName,
        dateOfBirth: client.dateOfBirth,
        programs: [...new Set(byClient.get(client.id) ?? [])].sort(),
      }))
      .sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName));
  }

  async start(input: MassSendInput): Promise<MassSendJobView> {
    const item = await this.outbox.enqueueMassSend({ ...input, clientIds: [...new Set(input.clientIds)] });
    return this.queuedView(item);
  }

  /** Jobs still in the outbox first, then the server's (or the last known list when offline). */
  async jobs(): Promise<MassSendJobView[]> {
    const queued = (await this.outbox.list('massSend')).map((item) => this.queuedView(item));
    try {
      this.lastJobs = (await this.client().massSendJobs()).jobs;
    } catch (error) {
      if (!(error instanceof BridgeError) || error.code !== 'offline') throw error;
    }
    return [...queued.reverse(), ...this.lastJobs];
  }

  async results(jobId: string): Promise<MassSendResult[]> {
    return (await this.client().massSendResults(jobId)).results;
  }

  private queuedView(item: OutboxDoc): MassSendJobView {
    const job = item.payload as MassSendInput;
    const description =
      job.kind === 'message'
        ? (htmlToPlainText(job.html ?? '')
            .split('\n')[0]
            ?.slice(0, 140) ?? '')
        : job.kind === 'document'
          ? `Document: ${job.documentName === 'Other' ? job.otherName : job.documentName}`
          : job.kind;
    return {
      id: item.id,
      kind: job.kind,
      description,
      status: item.state === 'failed' ? 'failed' : 'waiting',
      error: item.error || null,
      total: job.clientIds.length,
      processed: 0,
      sent: 0,
      skipped: 0,
      createdAt: item.createdAt,
      finishedAt: null,
    };
  }
}
