import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkStorageKey, type FileStat, StreamingFileStore } from './file-store';
import type { S3Location } from './file-store-url';

/** Each part of a multipart upload; lib-storage holds at most QUEUE_SIZE of them in memory. */
const PART_BYTES = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;

const notFound = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);

/**
 * Files in an S3-compatible bucket, through the AWS SDK. Uploads stream as multipart uploads
 * (lib-storage): at most QUEUE_SIZE parts of PART_BYTES in memory per upload, and a failed one is
 * aborted, which deletes its parts. Downloads stream the object's body.
 */
export class S3FileStore extends StreamingFileStore {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly location: S3Location) {
    super();
    this.client = new S3Client({
      region: location.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(location.endpoint ? { endpoint: location.endpoint, forcePathStyle: true } : {}),
      // Checksums only where S3 requires them: many S3-compatible services do not accept the
      // SDK's newer default trailing checksums; TLS and the part ETags protect the bytes.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private keyOf(storageKey: string): string {
    return `${this.location.prefix}${checkStorageKey(storageKey)}`;
  }

  protected async write(storageKey: string, body: Readable): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.location.bucket, Key: this.keyOf(storageKey), Body: body },
      partSize: PART_BYTES,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // The body failed (or S3 did): make sure neither an object nor parts stay behind.
      body.destroy();
      await upload.abort().catch(() => undefined);
      await this.delete(storageKey).catch(() => undefined);
      throw error;
    }
  }

  async get(storageKey: string): Promise<Readable | undefined> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(storageKey) }),
      );
      return answer.Body as Readable | undefined;
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
  }

  async stat(storageKey: string): Promise<FileStat | undefined> {
    try {
      const answer = await this.client.send(
        new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(storageKey) }),
      );
      return { byteSize: answer.ContentLength ?? 0 };
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
  }

  async delete(storageKey: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.keyOf(storageKey) }),
    );
  }

  async list(): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.location.bucket,
          Prefix: this.location.prefix,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key) keys.push(object.Key.slice(this.location.prefix.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  override async close(): Promise<void> {
    this.client.destroy();
  }
}
