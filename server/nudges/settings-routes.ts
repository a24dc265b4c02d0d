import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  nudgeSettingsInputSchema,
  verificationCodeSchema,
  verificationStartSchema,
} from '../../shared/domain/nudge-input';
import { formatClock, type NudgeLanguage, parseClock } from '../../shared/domain/nudges';
import { requireAdmin } from '../admin/user-routes';
import { clientActor, recordAudit, staffActor } from '../audit/audit-log';
import { requireStaff } from '../auth/authenticate';
import { canEditClient, type Viewer } from '../authz/viewer';
import type { Database, Queryable } from '../db/database';
import { badRequest, forbidden, notFound, parseInput } from '../http/errors';
import { requireClient } from '../portal-api/client-sessions';
import { loadClientForViewer } from '../replication/collections/clients';
import type { NudgeServices } from './services';
import {
  agencyPreferences,
  confirmVerification,
  readNudgeSettings,
  saveNudgeSettings,
  startVerification,
} from './settings-store';

const paramsSchema = z.object({ id: z.string().uuid('Client ids are UUIDs.') });

/** Staff change a client's nudges only with the client's yes, which they confirm by ticking it. */
const staffSettingsSchema = nudgeSettingsInputSchema.extend({
  consent: z.literal(true, { message: 'Confirm that the client agreed to these nudges.' }),
});

const preferencesSchema = z.object({
  quietHours: z.object({
    start: z
      .string()
      .max(5)
      .refine((text) => parseClock(text) !== undefined, {
        message: 'The start of quiet hours is a time such as 21:00.',
      }),
    end: z
      .string()
      .max(5)
      .refine((text) => parseClock(text) !== undefined, {
        message: 'The end of quiet hours is a time such as 08:00.',
      }),
  }),
  showStaffNames: z.boolean({ message: 'Show staff names is true or false.' }),
});

/** The portal sends its language with every call; nudges are written in it. */
function portalLanguage(request: FastifyRequest): NudgeLanguage {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^es\b/i.test(header.trim()) ? 'es' : 'en';
}

const CLIENT_NOT_AVAILABLE = 'That client does not exist or is not available to you.';

/** As for the portal connection: staff of the client's own agency (or a system admin). */
async function manageableClient(db: Queryable, viewer: Viewer, request: FastifyRequest): Promise<string> {
  const { id } = parseInput(paramsSchema, request.params, 'client id');
  const client = await loadClientForViewer(db, viewer, id);
  if (!client?.visible || client.deleted) throw notFound(CLIENT_NOT_AVAILABLE);
  if (!canEditClient(viewer, client.agency_id))
    throw forbidden('Only staff of the client’s own agency can change how the client is nudged.');
  return id;
}

async function requirePortalAccount(db: Queryable, clientId: string): Promise<void> {
  const account = await db.query('SELECT 1 FROM client_accounts WHERE client_id = $1::uuid AND active', [
    clientId,
  ]);
  if (account.rows.length === 0)
    throw badRequest(
      'This client has no Customer Portal account: nudges point to the portal, so connect them first.',
    );
}

/** A client's nudge settings, from the portal and from the client's profile; agency quiet hours. */
export function registerNudgeSettingsRoutes(
  app: FastifyInstance,
  db: Database,
  services: NudgeServices,
): void {
  app.get('/api/portal/nudges', async (request) => {
    const session = await requireClient(db, request);
    return readNudgeSettings(db, services, session.clientId, false);
  });

  app.put('/api/portal/nudges', async (request) => {
    const session = await requireClient(db, request);
    const input = parseInput(nudgeSettingsInputSchema, request.body, 'nudge settings');
    await db.transaction(async (tx) => {
      await saveNudgeSettings(
        tx,
        services,
        session.clientId,
        input,
        { kind: 'client', id: session.clientId },
        portalLanguage(request),
      );
      await recordAudit(tx, {
        actor: clientActor(session.clientId),
        action: 'nudge.settings_change',
        subject: { kind: 'nudge_settings', id: session.clientId },
        clientId: session.clientId,
        details: { channel: input.channel, showDetails: input.showDetails, by: 'client' },
      });
    });
    return readNudgeSettings(db, services, session.clientId, false);
  });

  app.post('/api/portal/nudges/code', async (request) => {
    const session = await requireClient(db, request);
    const { channel } = parseInput(verificationStartSchema, request.body, 'code request');
    return startVerification(db, services, session.clientId, channel);
  });

  app.post('/api/portal/nudges/verify', async (request) => {
    const session = await requireClient(db, request);
    const { channel, code } = parseInput(verificationCodeSchema, request.body, 'code');
    await confirmVerification(db, session.clientId, channel, code);
    await recordAudit(db, {
      actor: clientActor(session.clientId),
      action: 'nudge.verify',
      subject: { kind: 'nudge_settings', id: session.clientId },
      clientId: session.clientId,
      details: { channel },
    });
    return readNudgeSettings(db, services, session.clientId, false);
  });

  app.get('/api/clients/:id/nudges', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const clientId = await manageableClient(db, viewer, request);
    return readNudgeSettings(db, services, clientId, true);
  });

  app.put('/api/clients/:id/nudges', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const clientId = await manageableClient(db, viewer, request);
    const { consent: _consent, ...input } = parseInput(staffSettingsSchema, request.body, 'nudge settings');
    if (input.channel !== 'none') await requirePortalAccount(db, clientId);
    await db.transaction(async (tx) => {
      await saveNudgeSettings(tx, services, clientId, input, { kind: 'staff', id: viewer.userId }, undefined);
      await recordAudit(tx, {
        actor: staffActor(viewer.userId),
        action: 'nudge.settings_change',
        subject: { kind: 'nudge_settings', id: clientId },
        clientId,
        details: {
          channel: input.channel,
          showDetails: input.showDetails,
          by: 'staff',
          consent: 'client agreed',
        },
      });
    });
    return readNudgeSettings(db, services, clientId, true);
  });

  app.post('/api/clients/:id/nudges/code', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const clientId = await manageableClient(db, viewer, request);
    const { channel } = parseInput(verificationStartSchema, request.body, 'code request');
    return startVerification(db, services, clientId, channel);
  });

  app.post('/api/clients/:id/nudges/verify', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const clientId = await manageableClient(db, viewer, request);
    const { channel, code } = parseInput(verificationCodeSchema, request.body, 'code');
    await confirmVerification(db, clientId, channel, code);
    await recordAudit(db, {
      actor: staffActor(viewer.userId),
      action: 'nudge.verify',
      subject: { kind: 'nudge_settings', id: clientId },
      clientId,
      details: { channel },
    });
    return readNudgeSettings(db, services, clientId, true);
  });

  app.get('/api/admin/portal-preferences', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer, 'Only an agency administrator can read the agency’s portal preferences.');
    const preferences = await agencyPreferences(db, viewer.agencyId);
    return preferencesView(preferences);
  });

  app.patch('/api/admin/portal-preferences', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer, 'Only an agency administrator can change the agency’s portal preferences.');
    const input = parseInput(preferencesSchema, request.body, 'portal preferences');
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO agency_portal_preferences (agency_id, quiet_start, quiet_end, show_staff_names)
         VALUES ($1::uuid, $2, $3, $4)
         ON CONFLICT (agency_id) DO UPDATE SET quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
           show_staff_names = EXCLUDED.show_staff_names, updated_at = now()`,
        [
          viewer.agencyId,
          parseClock(input.quietHours.start),
          parseClock(input.quietHours.end),
          input.showStaffNames,
        ],
      );
      await recordAudit(tx, {
        actor: staffActor(viewer.userId),
        action: 'catalog.portal_preferences',
        subject: { kind: 'agency', id: viewer.agencyId },
        details: {
          quietHours: `${input.quietHours.start}–${input.quietHours.end}`,
          showStaffNames: input.showStaffNames,
        },
      });
    });
    return preferencesView(await agencyPreferences(db, viewer.agencyId));
  });
}

function preferencesView(preferences: { quietStart: number; quietEnd: number; showStaffNames: boolean }) {
  return {
    quietHours: { start: formatClock(preferences.quietStart), end: formatClock(preferences.quietEnd) },
    showStaffNames: preferences.showStaffNames,
  };
}
