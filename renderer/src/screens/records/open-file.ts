import { BridgeError } from '../../../../shared/bridge/envelope';
import { browserViewType, OPEN_REFUSALS } from '../../../../shared/domain/document-viewing';
import { bridge } from '../../bridge';

/**
 * Opens or saves one file of a document record. Electron opens it with the computer's own app or
 * asks where to save it. In a browser the services answer URLs instead, since a web page cannot
 * be handed a file on disk: Open shows the file in a new tab, Save downloads it.
 */
export async function openRecordFile(
  recordId: string,
  file: { fileId: string; name: string },
  action: 'open' | 'save',
): Promise<void> {
  const inBrowser = !window.portico;
  // The tab is opened now, while the click still counts as the person's: opened after the answer,
  // which may take a download from the server, the browser would block it as a pop-up.
  const tab = inBrowser && action === 'open' && browserViewType(file.name) ? openWaitingTab(file.name) : null;
  let answer: { fileName: string; browserUrl: string | null };
  try {
    answer = await bridge.records.openFile({ recordId, fileId: file.fileId, action });
  } catch (error) {
    tab?.close();
    throw error;
  }
  const { fileName, browserUrl } = answer;
  if (!browserUrl) return;
  if (action === 'open') {
    if (!tab) throw new BridgeError('internal', OPEN_REFUSALS.tabBlocked);
    tab.location.replace(browserUrl);
    return;
  }
  const link = document.createElement('a');
  link.href = browserUrl;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** A blank tab that says what it is waiting for, cut off from this page before anything loads in it. */
function openWaitingTab(name: string): Window | null {
  const tab = window.open('', '_blank');
  if (!tab) return null;
  // The file must not be able to reach back into Portico through window.opener.
  tab.opener = null;
  tab.document.title = name;
  tab.document.body.textContent = `Opening ${name}…`;
  return tab;
}
