// An S3-compatible bucket as the image store (AWS S3, MinIO, Ceph RGW, Alibaba OSS / Tencent COS in
// S3 mode). Credentials come from the AWS SDK's default provider chain; settings in
// docs/images-and-completeness.md. Uploads are spooled to the local temp folder first (the type and
// hash are checked there), then sent with a known length.
import { createReadStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AppError } from '../../common/http/errors.ts';
import { assertImageKey } from './image-key.ts';
import type { ImageStore } from './image-store.ts';

export interface S3ImageStoreConfig { bucket: string; region: string; endpoint?: string; forcePathStyle: boolean; prefix: string }

export class S3ImageStore implements ImageStore {
  readonly kind = 's3' as const;
  readonly spoolDir = join(tmpdir(), 'bank-crm-image-spool');
  private readonly client: S3Client;

  constructor(private readonly config: S3ImageStoreConfig) {
    this.client = new S3Client({ region: config.region, endpoint: config.endpoint, forcePathStyle: config.forcePathStyle });
    mkdirSync(this.spoolDir, { recursive: true });
  }

  private objectKey(key: string): string {
    assertImageKey(key);
    return this.config.prefix + key;
  }

  async putFile(key: string, localPath: string, contentType: string): Promise<void> {
    try {
      const { size } = await stat(localPath);
      await this.client.send(new PutObjectCommand({
        Bucket: this.config.bucket, Key: this.objectKey(key), Body: createReadStream(localPath), ContentLength: size, ContentType: contentType,
      }));
    } finally {
      await rm(localPath, { force: true });
    }
  }

  async open(key: string): Promise<Readable> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
      // In Node the SDK's body is an http.IncomingMessage, a Readable.
      return r.Body as Readable;
    } catch (err) {
      if (err instanceof NoSuchKey) throw new AppError('images.content_missing', 410);
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
  }
}
