import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyMultipartBaseOptions } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../shared/text/product-texts';
import { badRequest, HttpError } from '../http/errors';
import type { FileStore, StoredFile } from './file-store';
import { UploadTooLarge } from './upload-guard';

/** A file of a submission, in the store and not yet in the database. */
export interface ReceivedFile extends StoredFile {
  /** The name it had on the sender's device, without any folder. */
  name: string;
  contentType: string;
}

export interface ReceivedUpload {
  fields: Map<string, string>;
  files: ReceivedFile[];
}

export const MAX_FILES_PER_SUBMISSION = 20;
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 8 * 1024;

/*
 * Multipart parts other than file contents (fields, part headers, boundaries) are bounded by the
 * limits below: busboy allows 80KB of headers per part. A request declaring more than the file
 * limit plus all of that cannot be within the limit, so it is refused before anything is read.
 */
const MULTIPART_ALLOWANCE = (MAX_FILES_PER_SUBMISSION + MAX_FIELDS) * 82 * 1024;

export const MULTIPART_LIMITS: FastifyMultipartBaseOptions['limits'] = {
  files: MAX_FILES_PER_SUBMISSION,
  fields: MAX_FIELDS,
  fieldSize: MAX_FIELD_BYTES,
  parts: MAX_FILES_PER_SUBMISSION + MAX_FIELDS,
  // Above the submission limit, so the budget below (which counts every file) decides.
  fileSize: MAX_UPLOAD_BYTES + 1,
};

export const fileTooLarge = () => new HttpError(413, 'file_too_large', PRODUCT_TEXTS.invalidFileSize);

/** Counts every file of one submission against one limit; fails the file that goes past it. */
class SubmissionBudget extends Transform {
  constructor(private readonly used: { bytes: number }) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.used.bytes += chunk.length;
    if (this.used.bytes > MAX_UPLOAD_BYTES) {
      callback(new UploadTooLarge());
      return;
    }
    callback(null, chunk);
  }
}

/** A file's own name, without the folders some browsers send, control characters or excess length. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const short = Array.from(cleaned).slice(0, 200).join('');
  return short === '' || short === '.' || short === '..' ? 'file' : short;
}

/** The type a sender claimed, when it looks like one; anything may be uploaded, so nothing is refused. */
function cleanContentType(raw: string): string {
  const type = raw.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]{1,60}\/[a-z0-9!#$&^_.+-]{1,100}$/.test(type) ? type : 'application/octet-stream';
}

/** Multipart failures as answers a person can act on (the plugin's own messages are for programmers). */
function describeFailure(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof UploadTooLarge) return fileTooLarge();
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge();
  if (code === 'FST_FILES_LIMIT')
    return new HttpError(413, 'too_many_files', `Send at most ${MAX_FILES_PER_SUBMISSION} files at once.`);
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_PROTO_VIOLATION')
    return badRequest('This form has fields that are not expected here.');
  return badRequest('The upload could not be read completely. Send the files again.');
}

/**
 * Receives a multipart submission: its text fields and its files, streamed into the store while
 * every byte of every file is counted against the 25MB the product allows per submission. Past
 * the limit it stops reading, deletes every file already written for this submission and fails
 * with the product's message; on any failure nothing of the submission is left in the store.
 * A submission without files, or with an empty one, is refused too. The caller owns the returned
 * files and must remove them (discardUpload) if it then refuses the submission.
 */
export async function receiveUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  store: FileStore,
  fieldNames: readonly string[],
): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    void reply.header('connection', 'close');
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the files as a multipart form (multipart/form-data).',
    );
  }
  // An honest client says its size first; refuse before reading anything.
  if (Number(request.headers['content-length']) > MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE) {
    void reply.header('connection', 'close');
    throw fileTooLarge();
  }
  const used = { bytes: 0 };
  const fields = new Map<string, string>();
  const files: ReceivedFile[] = [];
  try {
    for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type === 'field') {
        if (!fieldNames.includes(part.fieldname) || typeof part.value !== 'string')
          throw badRequest(`The form field “${part.fieldname.slice(0, 40)}” is not expected here.`);
        if (part.valueTruncated) throw badRequest(`The form field “${part.fieldname}” is too long.`);
        fields.set(part.fieldname, part.value);
        continue;
      }
      const stored = await store.put(part.file, {
        guard: new SubmissionBudget(used),
        maxBytes: MAX_UPLOAD_BYTES,
      });
      files.push({
        ...stored,
        name: cleanFileName(part.filename),
        contentType: cleanContentType(part.mimetype),
      });
    }
    if (files.length === 0) throw badRequest('Choose at least one file to upload.');
    const empty = files.find((file) => file.byteSize === 0);
    if (empty) throw badRequest(`The file “${empty.name}” is empty. Choose the file again.`);
  } catch (error) {
    // The rest of the request is not read: the connection closes after the answer.
    void reply.header('connection', 'close');
    await Promise.all(files.map((file) => store.delete(file.storageKey)));
    throw describeFailure(error);
  }
  return { fields, files };
}

/**
 * Runs the checks an upload endpoint makes before reading its body. A refusal leaves the body
 * unread, so the connection closes after the answer instead of waiting for the rest of it.
 */
export async function beforeReading<T>(reply: FastifyReply, checks: () => Promise<T>): Promise<T> {
  try {
    return await checks();
  } catch (error) {
    void reply.header('connection', 'close');
    throw error;
  }
}

/** Deletes what receiveUpload stored, when the submission is refused after all. */
export async function discardUpload(store: FileStore, upload: ReceivedUpload): Promise<void> {
  await Promise.all(upload.files.map((file) => store.delete(file.storageKey)));
}
