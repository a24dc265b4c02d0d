import type { MangoQuerySortPart } from 'rxdb';
import type { ClientPatch } from '../../../shared/bridge/contract';
import { BridgeError } from '../../../shared/bridge/envelope';
import { todayIsoDate } from '../../../shared/domain/dates';
import { fullName, nameSearchKey } from '../../../shared/domain/names';
import type { SessionUser } from '../../../shared/domain/session';
import type { CareTeamMember, ClientProfile, ClientSummary, Enrollment } from '../../../shared/domain/views';
import type { ClientDoc, DirectoryDoc, MembershipDoc } from '../../../shared/replication/documents';
import { EDITABLE_CLIENT_FIELDS } from '../../../shared/replication/protocol';
import type { CacheDatabase } from '../cache/open-cache';
import type { ClientEditTimes } from './client-edit-times';
import { matchesQuery, parseClientQuery } from './client-search';

const BY_LAST_NAME: MangoQuerySortPart<ClientDoc>[] = [
  { lastNameKey: 'asc' },
  { firstNameKey: 'asc' },
  { id: 'asc' },
];
const BY_FIRST_NAME: MangoQuerySortPart<ClientDoc>[] = [
  { firstNameKey: 'asc' },
  { lastNameKey: 'asc' },
  { id: 'asc' },
];
/** Upper end of a prefix range; search keys are plain ASCII, so this sorts after all of them. */
const PREFIX_END = '\uffff';

function compareClients(a: ClientDoc, b: ClientDoc): number {
  return (
    a.lastNameKey.localeCompare(b.lastNameKey) ||
    a.firstNameKey.localeCompare(b.firstNameKey) ||
    a.id.localeCompare(b.id)
  );
}

function isActive(startDate: string, endDate: string, today: string): boolean {
  return startDate <= today && (endDate === '' || endDate >= today);
}

export function canEditClient(user: SessionUser, client: ClientDoc): boolean {
  return user.role === 'system_admin' || user.agencyId === client.agencyId;
}

/** Client list, search and profile, answered from the local cache so they work offline. */
export class ClientsService {
  constructor(
    private readonly db: CacheDatabase,
    private readonly user: SessionUser,
    private readonly onLocalEdit: (id: string) => Promise<void>,
    private readonly editTimes: ClientEditTimes,
  ) {}

  async search(rawQuery: string, limit: number): Promise<ClientSummary[]> {
    const page = (await this.matching(rawQuery, limit)).slice(0, limit);
    const agencies = await this.directoryNames(page.map((client) => client.agencyId));
    return page.map((client) => ({
      id: client.id,
      firstName: client.firstName,
      lastName: client.lastName,
      dateOfBirth: client.dateOfBirth,
      photoFileId: client.photoFileId,
      agencyName: agencies.get(client.agencyId)?.name ?? '',
      shared: client.shared,
    }));
  }

  /** Counts matches; an empty query counts the whole cache without reading documents. */
  async count(rawQuery: string): Promise<number> {
    if (rawQuery.trim() === '') return this.db.clients.count().exec();
    return (await this.matching(rawQuery, undefined)).length;
  }

  /** Clients matching a search box entry, sorted by name; at least `limit` of them when given. */
  private async matching(rawQuery: string, limit: number | undefined): Promise<ClientDoc[]> {
    const query = parseClientQuery(rawQuery);
    const clients = this.db.clients;
    let found: ClientDoc[];
    const [firstPrefix] = query.namePrefixes;
    if (firstPrefix !== undefined) {
      // Each name word may start a first or a last name: two index range scans, merged. When the
      // first word is the whole query every hit matches, so the scans can stop at `limit`.
      const onlyFilter = query.namePrefixes.length === 1 && !query.birthDatePrefix;
      const cap = onlyFilter && limit ? { limit } : {};
      const range = { $gte: firstPrefix, $lt: `${firstPrefix}${PREFIX_END}` };
      const [byLast, byFirst] = await Promise.all([
        clients.find({ selector: { lastNameKey: range }, sort: BY_LAST_NAME, ...cap }).exec(),
        clients.find({ selector: { firstNameKey: range }, sort: BY_FIRST_NAME, ...cap }).exec(),
      ]);
      const unique = new Map<string, ClientDoc>();
      for (const doc of [...byLast, ...byFirst]) unique.set(doc.id, doc.toJSON() as ClientDoc);
      found = [...unique.values()].filter((client) => matchesQuery(client, query));
    } else if (query.birthDatePrefix) {
      const prefix = query.birthDatePrefix;
      const docs = await clients
        .find({
          selector: { dateOfBirth: { $gte: prefix, $lt: `${prefix}${PREFIX_END}` } },
          sort: [{ dateOfBirth: 'asc' }, { id: 'asc' }],
        })
        .exec();
      found = docs.map((doc) => doc.toJSON() as ClientDoc);
    } else {
      const docs = await clients.find({ sort: BY_LAST_NAME, ...(limit ? { limit } : {}) }).exec();
      found = docs.map((doc) => doc.toJSON() as ClientDoc);
    }
    return found.sort(compareClients);
  }

  async profile(id: string): Promise<ClientProfile | null> {
    const doc = await this.db.clients.findOne(id).exec();
    if (!doc) return null;
    const client = doc.toJSON() as ClientDoc;
    const memberships = (await this.db.memberships.find({ selector: { clientId: id } }).exec()).map(
      (m) => m.toJSON() as MembershipDoc,
    );
    const names = await this.directoryNames([
      client.agencyId,
      ...memberships.map((m) => (m.kind === 'careTeam' ? m.staffId : m.programId)),
    ]);
    const today = todayIsoDate();
    const careTeam: CareTeamMember[] = memberships
      .filter((m) => m.kind === 'careTeam')
      .map((m) => ({
        membershipId: m.id,
        staffId: m.staffId,
        staffName: names.get(m.staffId)?.name ?? 'Former staff member',
        title: names.get(m.staffId)?.title ?? '',
        label: m.label,
        startDate: m.startDate,
        endDate: m.endDate,
        active: isActive(m.startDate, m.endDate, today),
      }))
      .sort((a, b) => Number(b.active) - Number(a.active) || b.startDate.localeCompare(a.startDate));
    const enrollments: Enrollment[] = memberships
      .filter((m) => m.kind === 'enrollment')
      .map((m) => ({
        membershipId: m.id,
        programId: m.programId,
        programName: names.get(m.programId)?.name ?? 'Program',
        startDate: m.startDate,
        endDate: m.endDate,
        active: isActive(m.startDate, m.endDate, today),
      }))
      .sort((a, b) => Number(b.active) - Number(a.active) || b.startDate.localeCompare(a.startDate));
    return {
      client,
      agencyName: names.get(client.agencyId)?.name ?? '',
      careTeam,
      enrollments,
      editable: canEditClient(this.user, client),
    };
  }

  /** Saves an edit in the cache at once; replication carries it to the server when it can. */
  async update(id: string, patch: ClientPatch): Promise<ClientDoc> {
    const doc = await this.db.clients.findOne(id).exec();
    if (!doc) throw new BridgeError('not_found', 'This client is no longer available on this computer.');
    if (!canEditClient(this.user, doc.toJSON() as ClientDoc)) {
      throw new BridgeError('forbidden', 'Only staff of the client’s own agency can change this record.');
    }
    const changes: Partial<ClientDoc> = { ...patch };
    if (patch.firstName !== undefined) changes.firstNameKey = nameSearchKey(patch.firstName);
    if (patch.lastName !== undefined) changes.lastNameKey = nameSearchKey(patch.lastName);
    const before = doc.toJSON() as ClientDoc;
    const changed = EDITABLE_CLIENT_FIELDS.filter(
      (field) => patch[field] !== undefined && patch[field] !== before[field],
    );
    await this.onLocalEdit(id);
    // When each field was changed goes with the push: of two concurrent edits the later one stays.
    await this.editTimes.recordEdit(id, changed);
    const updated = await doc.incrementalPatch(changes);
    return updated.toJSON() as ClientDoc;
  }

  /** Full names of those of `ids` in the cache: the clients this staff member may see. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    const docs = await this.db.clients.findByIds(unique).exec();
    const names = new Map<string, string>();
    for (const [docId, doc] of docs) names.set(docId, fullName(doc));
    return names;
  }

  private async directoryNames(ids: string[]): Promise<Map<string, DirectoryDoc>> {
    const unique = [...new Set(ids.filter(Boolean))];
    const docs = await this.db.directory.findByIds(unique).exec();
    const names = new Map<string, DirectoryDoc>();
    for (const [docId, doc] of docs) names.set(docId, doc.toJSON() as DirectoryDoc);
    return names;
  }
}
