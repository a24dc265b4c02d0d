import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface TestS3Server {
  /** A FILE_STORE_URL for a bucket on it, under `prefix`. */
  fileStoreUrl(prefix: string): string;
  close(): Promise<void>;
}

export const TEST_BUCKET = 'portico-files';

/**
 * An S3-compatible server in the test process (s3rver: the S3 REST API over a folder, with
 * signature checks), so the S3 store is tested through the real AWS SDK over HTTP. s3rver accepts
 * the access key S3RVER with the secret S3RVER; the SDK finds them in the standard variables.
 */
export async function startS3Server(): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'portico-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  const { port } = await server.run();
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  const endpoint = encodeURIComponent(`http://127.0.0.1:${port}`);
  return {
    fileStoreUrl: (prefix) => `s3://${TEST_BUCKET}/${prefix}?endpoint=${endpoint}&region=us-east-1`,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
