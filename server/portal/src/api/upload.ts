import { ApiError, errorFromAnswer, noteServerContact, OFFLINE_CODE, requestHeaders } from './http';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends a multipart form with XMLHttpRequest, because fetch cannot report upload progress and
 * a phone on a slow connection needs a real progress bar. Resolves with the parsed answer.
 */
export function uploadForm<T>(
  path: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(requestHeaders(false))) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener('load', () => {
      noteServerContact();
      let body: unknown = null;
      try {
        body = xhr.responseText === '' ? null : JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(errorFromAnswer(xhr.status, body, path));
    });
    // A refusal part way (413) may close the connection before the browser reads the answer.
    xhr.addEventListener('error', () => reject(new ApiError(0, OFFLINE_CODE, '')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'aborted', '')));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
