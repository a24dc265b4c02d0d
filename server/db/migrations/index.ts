import { initialSchema } from './001-initial-schema';
import { messagesSchema } from './002-messages';
import { requestsSchema } from './003-requests';
import { portalInvitesSchema } from './004-portal-invites';
import { massSendingSchema } from './005-mass-sending';
import { securityAuditSchema } from './006-security-audit';
import { massSendAuditJoin } from './007-mass-send-audit-join';
import { roiRuleAndTimeZones } from './008-roi-rule-and-time-zones';
import { portalClientLimits } from './009-portal-client-limits';
import { inviteLinksAndDelivery } from './011-invite-links-and-delivery';
import { changeCaptureByTransaction } from './012-change-capture-by-transaction';
import { accessGrants } from './013-access-grants';
import { sharedFileStore } from './030-shared-file-store';
import { sharedRateLimits } from './031-shared-rate-limits';
import { clientNudges } from './040-client-nudges';
import { shareWithdrawals } from './041-share-withdrawals';
import { messageSeen } from './060-message-seen';
import { requestDueDates } from './061-request-due-dates';
import { redactedNotifications } from './062-redacted-notifications';
import { clientFieldEdits } from './063-client-field-edits';
import { documentHashes } from './070-document-hashes';

export interface Migration {
  id: number;
  name: string;
  /** Run one by one: the extended protocol both drivers use takes one statement per query. */
  statements: string[];
}

/** Every migration, oldest first. Never edit one that has shipped; add the next. */
export const MIGRATIONS: Migration[] = [
  initialSchema,
  messagesSchema,
  requestsSchema,
  portalInvitesSchema,
  massSendingSchema,
  securityAuditSchema,
  massSendAuditJoin,
  roiRuleAndTimeZones,
  portalClientLimits,
  inviteLinksAndDelivery,
  changeCaptureByTransaction,
  accessGrants,
  sharedFileStore,
  sharedRateLimits,
  clientNudges,
  shareWithdrawals,
  messageSeen,
  requestDueDates,
  redactedNotifications,
  clientFieldEdits,
  documentHashes,
];
