import type { MassSendKind, MassSendStatus } from '../../../../shared/domain/mass-send';
import type { IconName } from '../../components/Icon';

export const JOB_STATUS_LABELS: Record<MassSendStatus, string> = {
  waiting: 'Waiting to send',
  queued: 'Queued',
  running: 'Sending',
  done: 'Finished',
  failed: 'Not sent',
};

export const JOB_STATUS_TONES: Record<MassSendStatus, string> = {
  waiting: 'pill--warn',
  queued: 'pill--info',
  running: 'pill--info',
  done: 'pill--ok',
  failed: 'pill--danger',
};

export const JOB_STATUS_ICONS: Record<MassSendStatus, IconName> = {
  waiting: 'clock',
  queued: 'clock',
  running: 'send',
  done: 'check',
  failed: 'warning',
};

export const KIND_ICONS: Record<MassSendKind, IconName> = {
  message: 'message',
  document: 'document',
  assessment: 'assessment',
  location: 'location',
  roi: 'shield',
};
