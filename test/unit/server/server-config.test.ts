import { describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../../server/config';
import { parseFileStoreUrl, parseS3Url } from '../../../server/files/file-store-url';

describe('FILE_STORE_URL', () => {
  it('names the folder, PostgreSQL or a bucket; unset leaves the choice to the database', () => {
    expect(loadServerConfig({}).fileStore).toBeUndefined();
    expect(loadServerConfig({ FILE_STORE_URL: 'folder' }).fileStore).toEqual({ kind: 'folder' });
    expect(loadServerConfig({}, ['--file-store-url=postgres']).fileStore).toEqual({ kind: 'postgres' });
    const url = 's3://portico/agency-files?endpoint=https%3A%2F%2Fminio.example%3A9000&region=eu-west-1';
    expect(parseFileStoreUrl(url)).toEqual({ kind: 's3', url });
    expect(parseS3Url(url)).toEqual({
      bucket: 'portico',
      prefix: 'agency-files/',
      endpoint: 'https://minio.example:9000',
      region: 'eu-west-1',
    });
    expect(parseS3Url('s3://portico')).toEqual({
      bucket: 'portico',
      prefix: '',
      endpoint: undefined,
      region: undefined,
    });
  });

  it('refuses anything else at start, and credentials in the address', () => {
    expect(() => loadServerConfig({ FILE_STORE_URL: '/srv/files' })).toThrow(
      /"folder", "postgres" or an s3:\/\//,
    );
    expect(() => parseFileStoreUrl('s3://key:secret@portico/files')).toThrow(/AWS_ACCESS_KEY_ID/);
    expect(() => parseFileStoreUrl('s3://portico/files?endpoint=minio:9000')).toThrow(/http or https/);
  });
});

describe('RATE_LIMIT_* variables', () => {
  it('raise or lower a limit per minute, leaving the others to the defaults', () => {
    expect(loadServerConfig({}).rateLimits).toEqual({});
    expect(
      loadServerConfig({ RATE_LIMIT_SIGN_INS_PER_IP: '5000', RATE_LIMIT_UPLOADS_PER_SESSION: '3' })
        .rateLimits,
    ).toEqual({
      signInPerIp: { limit: 5000, windowMs: 60_000 },
      uploadPerSession: { limit: 3, windowMs: 60_000 },
    });
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => loadServerConfig({ RATE_LIMIT_UPLOADS_PER_IP: '0' })).toThrow(/at least 1/);
    expect(() => loadServerConfig({ RATE_LIMIT_SIGN_INS_PER_USERNAME: 'many' })).toThrow(/whole number/);
  });
});
