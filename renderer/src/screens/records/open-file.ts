import { bridge } from '../../bridge';

/**
 * Opens or saves one file of a document record. Electron opens it with the computer's own app or
 * asks where to save it; the browser host answers a URL instead, which a download link fetches,
 * since a web page cannot be handed a file on disk.
 */
export async function openRecordFile(
  recordId: string,
  fileId: string,
  action: 'open' | 'save',
): Promise<void> {
  const { fileName, browserUrl } = await bridge.records.openFile({ recordId, fileId, action });
  if (!browserUrl) return;
  const link = document.createElement('a');
  link.href = browserUrl;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
