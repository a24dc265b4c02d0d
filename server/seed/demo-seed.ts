import { nameSearchKey } from '../../shared/domain/names';
import { NAMES } from '../../shared/text/names';
import { hashPassword } from '../auth/passwords';
import type { Database, Queryable } from '../db/database';
import type { FileStore } from '../files/file-store';
import {
  DEMO_AGENCIES,
  DEMO_CONVERSATIONS,
  DEMO_PASSWORD,
  DEMO_PORTAL_CLIENTS,
  DEMO_PORTAL_PASSWORD,
  DEMO_STAFF,
  type DemoAgencyKey,
  FIRST_NAMES,
  LAST_NAMES,
} from './demo-data';
import { seedDemoMessaging } from './demo-messages';
import { seedDemoRequests } from './demo-requests';
import { portraitSvg } from './portrait';

export const DEMO_CLIENT_COUNT = 50;

/** A small seeded generator, so every demo database is the same. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function daysFrom(today: Date, days: number): string {
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

async function insertReturningId(db: Queryable, sql: string, params: unknown[]): Promise<string> {
  const result = await db.query<{ id: string }>(`${sql} RETURNING id::text AS id`, params);
  const row = result.rows[0];
  if (!row) throw new Error('insert returned no id');
  return row.id;
}

export interface DemoSeedSummary {
  seeded: boolean;
  agencies: number;
  staff: number;
  clients: number;
  /** Clients who can sign in to the Customer Portal, and conversations with their care teams. */
  portalAccounts: number;
  conversations: number;
  /** Customer Portal requests (open and closed) and records on clients' profiles. */
  requests: number;
  records: number;
}

export const NOTHING_SEEDED: DemoSeedSummary = {
  seeded: false,
  agencies: 0,
  staff: 0,
  clients: 0,
  portalAccounts: 0,
  conversations: 0,
  requests: 0,
  records: 0,
};

/** Loads the demo agencies into an empty database; leaves a database with data untouched. */
export async function seedDemoData(
  db: Database,
  files: FileStore,
  today = new Date(),
): Promise<DemoSeedSummary> {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM agencies');
  if ((existing.rows[0]?.n ?? 0) > 0) return NOTHING_SEEDED;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const portalPasswordHash = await hashPassword(DEMO_PORTAL_PASSWORD);
  const rand = random(20_261_125);
  const portraits: Uint8Array[] = [];
  for (let i = 0; i < DEMO_CLIENT_COUNT; i++)
    portraits.push(new TextEncoder().encode(portraitSvg(Math.floor(rand() * 1e9))));
  const storedPortraits = await Promise.all(portraits.map((svg) => files.putBuffer(svg)));

  const history = await db.transaction(async (tx) => {
    const agencyIds = new Map<DemoAgencyKey, string>();
    const programIds = new Map<DemoAgencyKey, string[]>();
    for (const agency of DEMO_AGENCIES) {
      const agencyId = await insertReturningId(tx, 'INSERT INTO agencies (name, time_zone) VALUES ($1, $2)', [
        agency.name,
        agency.timeZone,
      ]);
      agencyIds.set(agency.key, agencyId);
      const ids: string[] = [];
      for (const program of agency.programs) {
        ids.push(
          await insertReturningId(
            tx,
            'INSERT INTO programs (agency_id, name, description) VALUES ($1::uuid, $2, $3)',
            [agencyId, program, `${program} at ${agency.name}`],
          ),
        );
      }
      programIds.set(agency.key, ids);
    }
    const staffIds = new Map<string, string>();
    const staffAgencies = new Map<string, string>();
    for (const staff of DEMO_STAFF) {
      staffIds.set(
        staff.username,
        await insertReturningId(
          tx,
          `INSERT INTO users (agency_id, username, password_hash, display_name, title, role)
           VALUES ($1::uuid, $2, $3, $4, $5, $6)`,
          [agencyIds.get(staff.agency), staff.username, passwordHash, staff.name, staff.title, staff.role],
        ),
      );
    }
    for (const staff of DEMO_STAFF) staffAgencies.set(staff.username, agencyIds.get(staff.agency) as string);
    const staffId = (username: string) => staffIds.get(username) as string;
    const clientIds: string[] = [];

    for (let i = 0; i < DEMO_CLIENT_COUNT; i++) {
      const agency: DemoAgencyKey = i < 30 ? 'harbor' : 'northside';
      const agencyId = agencyIds.get(agency) as string;
      const firstName = FIRST_NAMES[i % FIRST_NAMES.length] as string;
      const lastName = LAST_NAMES[(i * 7) % LAST_NAMES.length] as string;
      // Most records are shared across agencies; some are kept to their own agency.
      const shared = agency === 'harbor' ? i % 8 !== 3 : i % 3 !== 0;
      const dateOfBirth = daysFrom(new Date(Date.UTC(1955, 0, 1)), Math.floor(rand() * 365 * 48));
      const portrait = i % 12 === 5 ? undefined : storedPortraits[i];
      let photoId: string | null = null;
      if (portrait) {
        photoId = await insertReturningId(
          tx,
          `INSERT INTO files (agency_id, storage_key, content_type, byte_size, sha256, original_name)
           VALUES ($1::uuid, $2, 'image/svg+xml', $3, $4, $5)`,
          [agencyId, portrait.storageKey, portrait.byteSize, portrait.sha256, `${firstName}-${lastName}.svg`],
        );
      }
      const clientId = await insertReturningId(
        tx,
        `INSERT INTO clients (agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth, phone,
                              email, photo_file_id, shared)
         VALUES ($1::uuid, $2, $3, $4, $5, $6::date, $7, $8, $9::uuid, $10)`,
        [
          agencyId,
          firstName,
          lastName,
          nameSearchKey(firstName),
          nameSearchKey(lastName),
          dateOfBirth,
          i % 5 === 4 ? '' : `(555) 01${String(i).padStart(2, '0')}-${String(1000 + i * 37).slice(0, 4)}`,
          i % 3 === 0 ? `${nameSearchKey(firstName).replace(/\s/g, '')}.${i}@example.org` : '',
          photoId,
          shared,
        ],
      );
      clientIds.push(clientId);

      const started = daysFrom(today, -30 - Math.floor(rand() * 600));
      const primary = agency === 'harbor' ? (i % 2 === 0 ? 'casey' : 'priya') : 'jordan';
      const careTeam: { staff: string; label: string; start: string; end: string | null }[] = [
        { staff: primary, label: NAMES.caseManager, start: started, end: null },
      ];
      if (i % 4 === 0)
        careTeam.push({
          staff: agency === 'harbor' ? 'alex' : 'taylor',
          label: 'Program lead',
          start: started,
          end: null,
        });
      // Cross-agency work: a shelter case manager on an outreach client's team, current and past.
      if (i === 3)
        careTeam.push({ staff: 'jordan', label: 'Shelter liaison', start: daysFrom(today, -60), end: null });
      if (i === 11)
        careTeam.push({
          staff: 'jordan',
          label: 'Shelter liaison',
          start: daysFrom(today, -200),
          end: daysFrom(today, -20),
        });
      for (const member of careTeam) {
        await tx.query(
          `INSERT INTO care_team (client_id, staff_id, label, start_date, end_date) VALUES ($1::uuid, $2::uuid, $3, $4::date, $5::date)`,
          [clientId, staffId(member.staff), member.label, member.start, member.end],
        );
      }

      const programs = programIds.get(agency) as string[];
      const first = programs[i % programs.length] as string;
      const exited = i % 6 === 1;
      await tx.query(
        `INSERT INTO enrollments (client_id, program_id, start_date, exit_date) VALUES ($1::uuid, $2::uuid, $3::date, $4::date)`,
        [clientId, first, started, exited ? daysFrom(today, -10) : null],
      );
      if (i % 5 === 2) {
        const second = programs[(i + 1) % programs.length] as string;
        await tx.query(
          `INSERT INTO enrollments (client_id, program_id, start_date) VALUES ($1::uuid, $2::uuid, $3::date)`,
          [clientId, second, daysFrom(today, -15)],
        );
      }
    }
    await seedDemoMessaging(tx, { clientIds, staffIds, staffAgencies, portalPasswordHash, now: today });
    return seedDemoRequests(tx, {
      clientIds,
      staffIds,
      staffAgencies,
      agencyIds: [...agencyIds.values()],
      files,
      now: today,
    });
  });
  return {
    seeded: true,
    agencies: DEMO_AGENCIES.length,
    staff: DEMO_STAFF.length,
    clients: DEMO_CLIENT_COUNT,
    portalAccounts: DEMO_PORTAL_CLIENTS.length,
    conversations: DEMO_CONVERSATIONS.length,
    requests: history.requests,
    records: history.records,
  };
}
