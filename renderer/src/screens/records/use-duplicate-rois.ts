import { useEffect, useMemo } from 'react';
import { localToday } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { emptyRecordList, useRecordsStore } from '../../stores/records-store';
import { duplicateRoiIds } from './roi-status';

/**
 * The ids of a client's duplicate ROIs (see duplicateRoiIds), from the records store's ROI list,
 * which it opens: the profile flags them without the Release of Information tab being open, and
 * the list is read again whenever sync brings records.
 */
export function useDuplicateRois(clientId: string): Set<string> {
  const open = useRecordsStore((state) => state.open);
  const list = useRecordsStore((state) =>
    state.clientId === clientId ? state.lists.roi : emptyRecordList(),
  );
  const today = localToday(useNow(60_000));
  useEffect(() => {
    void open(clientId, 'roi');
  }, [clientId, open]);
  return useMemo(() => duplicateRoiIds(list.records, today), [list.records, today]);
}
