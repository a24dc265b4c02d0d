import { BridgeError } from '../../../shared/bridge/envelope';

/*
 * The platform seam for files the person picks (pictures for messages, documents for a client's
 * record). The services read files by path, so main can check a file's size before reading a
 * byte of it; this turns a File from an <input type=file> into such a path. In Electron the path is the file's own, from preload. In a
 * plain browser the page cannot know paths, so the browser host stages a copy in a temporary
 * folder and answers with that copy's path.
 */

const STAGING_URL = '/host/staging';

const STAGING_FAILED = 'The file could not be prepared for upload. Try again, or choose a different file.';

/** The path the services can read `file` from. Throws BridgeError with words for the person. */
export async function pathForUpload(file: File): Promise<string> {
  const electronFiles = window.porticoFiles;
  if (electronFiles) {
    const path = electronFiles.pathForFile(file);
    // A File made in the page (pasted, dragged from another app) has no path on disk.
    if (!path)
      throw new BridgeError('invalid_input', 'Save it to a file on this computer first, then choose it.');
    return path;
  }
  if (window.portico) {
    throw new BridgeError('internal', 'Portico needs to be updated to add files. Restart the app.');
  }
  return stageInBrowserHost(file);
}

async function stageInBrowserHost(file: File): Promise<string> {
  let response: Response;
  try {
    response = await fetch(STAGING_URL, {
      method: 'POST',
      headers: {
        'content-type': file.type || 'application/octet-stream',
        'x-file-name': encodeURIComponent(file.name),
      },
      body: file,
    });
  } catch {
    throw new BridgeError(
      'offline',
      'Portico can’t reach its services on this computer right now. Try again.',
    );
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = messageIn(answer);
    throw new BridgeError(response.status === 413 ? 'invalid_input' : 'internal', message ?? STAGING_FAILED);
  }
  if (typeof answer === 'object' && answer !== null && 'path' in answer && typeof answer.path === 'string') {
    return answer.path;
  }
  throw new BridgeError('internal', STAGING_FAILED);
}

function messageIn(answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null) return null;
  if ('message' in answer && typeof answer.message === 'string') return answer.message;
  if ('error' in answer) {
    const error = answer.error;
    if (typeof error === 'string') return error;
    if (
      typeof error === 'object' &&
      error !== null &&
      'message' in error &&
      typeof error.message === 'string'
    ) {
      return error.message;
    }
  }
  return null;
}
