import type {
  AssessmentRecordData,
  DocumentRecordData,
  LocationRecordData,
  RecordSummary,
  RoiRecordData,
} from '../../../../shared/domain/requests';

/*
 * RecordData is a union its shapes do not tag; the record's kind says which one it is. These
 * also check the shape, so a record from an older or newer desktop never breaks the list.
 */

export function documentData(record: RecordSummary): DocumentRecordData | null {
  return record.kind === 'document' && 'files' in record.data && Array.isArray(record.data.files)
    ? record.data
    : null;
}

export function assessmentData(record: RecordSummary): AssessmentRecordData | null {
  return record.kind === 'assessment' && 'answers' in record.data && Array.isArray(record.data.fields)
    ? record.data
    : null;
}

export function locationData(record: RecordSummary): LocationRecordData | null {
  return record.kind === 'location' && 'address' in record.data ? record.data : null;
}

export function roiData(record: RecordSummary): RoiRecordData | null {
  return record.kind === 'roi' && 'signedName' in record.data ? record.data : null;
}
