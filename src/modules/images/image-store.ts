// CIF-44: where scan bytes live. One small interface with two implementations: the file system
// under the data folder (the default: nothing to install) and an S3-compatible bucket (a bank's
// object store: MinIO, Ceph RGW, a cloud bucket). The database holds only the key and the hash;
// keys are made by the server (image-key.ts), never from an uploaded file name.
import type { Readable } from 'node:stream';
import type { ImageStoreConfig } from '../../server/config.ts';
import { FileSystemImageStore } from './fs-image-store.ts';
import { S3ImageStore } from './s3-image-store.ts';

export interface ImageStore {
  readonly kind: 'fs' | 's3';
  /**
   * A folder for spooling an upload while its size, hash and type are checked; on the store's own
   * file system where it has one, so that putFile is a rename and a refused upload leaves nothing.
   */
  readonly spoolDir: string;
  /** Keeps the finished local file under `key`; the local file is consumed (moved or deleted). */
  putFile(key: string, localPath: string, contentType: string): Promise<void>;
  /** The bytes kept under `key`. */
  open(key: string): Promise<Readable>;
  /** Removes `key` (no error if absent): undoing a put whose database row did not commit. */
  remove(key: string): Promise<void>;
}

export function createImageStore(config: ImageStoreConfig): ImageStore {
  return config.kind === 'fs' ? new FileSystemImageStore(config.dir) : new S3ImageStore(config);
}
