// The default image store: files under a folder of the data directory (CRM_DATA_DIR/images).
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../common/http/errors.ts';
import { assertImageKey } from './image-key.ts';
import type { ImageStore } from './image-store.ts';

export class FileSystemImageStore implements ImageStore {
  readonly kind = 'fs' as const;
  readonly spoolDir: string;
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
    // Inside the store's folder: a rename, never a copy across file systems.
    this.spoolDir = join(this.root, '.incoming');
  }

  private pathOf(key: string): string {
    assertImageKey(key);
    const p = resolve(this.root, key);
    if (!p.startsWith(this.root + sep)) throw new Error(`image key outside the store: ${key}`);
    return p;
  }

  async putFile(key: string, localPath: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(localPath, target);
  }

  async open(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    // Open first so that a missing file is a clear error before any byte is sent.
    const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new AppError('images.content_missing', 410);
      throw err;
    });
    return handle.createReadStream();
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
