import type { AuditEntryView } from '../../../../shared/domain/audit';

/** Audit actions in words an agency admin reads without a manual. */
const ACTION_WORDS: Record<string, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.locked': 'Account locked after failed sign-ins',
  'auth.sign_out': 'Signed out',
  'auth.password_change': 'Changed password',
  'auth.totp_enable': 'Turned on two-factor sign-in',
  'auth.totp_disable': 'Turned off two-factor sign-in',
  'portal.sign_in': 'Client signed in to the portal',
  'portal.sign_in_failed': 'Failed portal sign-in',
  'portal.locked': 'Portal account locked after failed sign-ins',
  'portal.sign_out': 'Client signed out of the portal',
  'portal.join': 'Client joined the portal',
  'portal.message_send': 'Client sent a message',
  'portal.request_fulfil': 'Client answered a request',
  'portal.document_upload': 'Client sent a document',
  'portal.sharing_withdraw': 'Client stopped sharing their record with an agency',
  'portal.sharing_restore': 'Client shared their record with an agency again',
  'admin.user_unlock': 'Unlocked a staff account',
  'admin.user_deactivate': 'Deactivated a staff account',
  'admin.user_activate': 'Reactivated a staff account',
  'admin.portal_unlock': 'Unlocked a portal account',
  'client.view': 'Viewed a client record',
  'client.update': 'Changed a client record',
  'client.share': 'Shared a client record with other agencies',
  'client.unshare': 'Stopped sharing a client record',
  'client.edit_lost': 'Changed a client record; a later change by someone else stayed',
  'file.download': 'Downloaded a file',
  'message.send': 'Sent a message',
  'request.send': 'Sent a request',
  'request.cancel': 'Cancelled a request',
  'mass_send.create': 'Started a mass send',
  'mass_send.deliver': 'Mass send delivered',
  'record.add': 'Added a record',
  'settings.change': 'Changed settings',
  'catalog.assessment_create': 'Created an assessment',
  'catalog.assessment_update': 'Changed an assessment',
  'catalog.category_create': 'Created a document category',
  'catalog.category_update': 'Changed a document category',
  'catalog.agency_settings': 'Changed agency settings',
  'invite.send': 'Created a portal invitation link',
  'invite.link_fetch': 'Fetched a portal invitation link again',
  'invite.cancel': 'Cancelled a portal invitation',
  'invite.disconnect': 'Disconnected a portal account',
  'nudge.settings_change': 'Changed how the client is nudged (email, text)',
  'nudge.verify': 'Verified an email address or mobile number for nudges',
  'nudge.stop': 'Client stopped nudges (STOP or the unsubscribe link)',
  'catalog.portal_preferences': 'Changed the agency’s quiet hours or privacy page',
};

export function actionWords(action: string): string {
  return ACTION_WORDS[action] ?? action;
}

/** The details worth a line in the table (what was viewed, which fields changed), as short text. */
export function detailWords(entry: AuditEntryView): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entry.details)) {
    if (value === null || value === undefined || value === '') continue;
    if (key === 'changes' && typeof value === 'object' && !Array.isArray(value)) {
      parts.push(...changeWords(value as Record<string, unknown>));
      continue;
    }
    const text = Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? '' : String(value);
    if (text) parts.push(`${key.replace(/([A-Z])/g, ' $1').toLowerCase()}: ${text}`);
  }
  return parts.slice(0, 4).join(' · ');
}

function shown(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'shared' : 'not shared';
  return value === '' ? '(empty)' : `“${String(value)}”`;
}

/** A client field change as "phone: “old” → “new”", and the value that stayed when it did not. */
function changeWords(changes: Record<string, unknown>): string[] {
  return Object.entries(changes).map(([field, change]) => {
    const { old, new: next, kept } = (change ?? {}) as { old?: unknown; new?: unknown; kept?: unknown };
    const name = field.replace(/([A-Z])/g, ' $1').toLowerCase();
    const text = `${name}: ${shown(old)} → ${shown(next)}`;
    return kept === undefined ? text : `${text} (not kept: ${shown(kept)} stayed)`;
  });
}
