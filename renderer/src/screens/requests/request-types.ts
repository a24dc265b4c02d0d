import type { RecordKind, RequestType } from '../../../../shared/domain/requests';
import type { IconName } from '../../components/Icon';

/** The same icons as the profile's tabs, so a request and the record it brings look alike. */
export const REQUEST_TYPE_ICONS: Record<RequestType, IconName> = {
  assessment: 'assessment',
  document: 'document',
  location: 'location',
  roi: 'shield',
};

/** Each request type is answered by a record of the same kind. */
export const RECORD_KIND_OF_TYPE: Record<RequestType, RecordKind> = {
  assessment: 'assessment',
  document: 'document',
  location: 'location',
  roi: 'roi',
};
