/*
 * FILE_STORE_URL, read when the configuration is loaded (without loading the AWS SDK), so a
 * mistyped address stops the server at start instead of at the first upload.
 */

/** Where an S3-compatible store is, from FILE_STORE_URL. */
export interface S3Location {
  bucket: string;
  /** Put before every key: '' or ending with '/'. */
  prefix: string;
  /** Another service than AWS (MinIO, Ceph, R2…): its address, with path-style bucket names. */
  endpoint: string | undefined;
  region: string | undefined;
}

/**
 * Reads `s3://bucket/prefix?endpoint=https://…&region=…`. Credentials are never in the address:
 * the SDK finds them where AWS tools do (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile,
 * an instance role).
 */
export function parseS3Url(value: string): S3Location {
  const url = new URL(value);
  if (url.protocol !== 's3:' || url.hostname === '')
    throw new Error(`FILE_STORE_URL must look like s3://bucket/prefix, got "${value}".`);
  if (url.username !== '' || url.password !== '')
    throw new Error(
      'FILE_STORE_URL must not hold credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
    );
  const path = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  const endpoint = url.searchParams.get('endpoint') || undefined;
  if (endpoint !== undefined && !/^https?:\/\//.test(endpoint))
    throw new Error(`FILE_STORE_URL's endpoint must be an http or https address, got "${endpoint}".`);
  return {
    bucket: url.hostname,
    prefix: path === '' ? '' : `${path}/`,
    endpoint,
    region: url.searchParams.get('region') || undefined,
  };
}

/** What FILE_STORE_URL may say. */
export type FileStoreChoice = { kind: 'folder' } | { kind: 'postgres' } | { kind: 's3'; url: string };

/** Reads FILE_STORE_URL: `folder`, `postgres` or `s3://bucket/prefix?endpoint=…&region=…`. */
export function parseFileStoreUrl(value: string | undefined): FileStoreChoice | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'folder') return { kind: 'folder' };
  if (value === 'postgres') return { kind: 'postgres' };
  if (value.startsWith('s3://')) {
    parseS3Url(value);
    return { kind: 's3', url: value };
  }
  throw new Error(`FILE_STORE_URL must be "folder", "postgres" or an s3:// address, got "${value}".`);
}
