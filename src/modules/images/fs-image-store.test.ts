// The image-store interface, run against its file-system implementation: a put moves the spooled
// file in, open returns the same bytes, remove is idempotent, and keys not made by the server
// (path traversal, absolute paths) are refused before any file is touched.
import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageStore, type ImageStore } from './image-store.ts';
import { displayName, imageKey } from './image-key.ts';

let dir: string;
let store: ImageStore;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'crm-store-')); store = createImageStore({ kind: 'fs', dir }); });
afterAll(() => rm(dir, { recursive: true, force: true }));

const exists = (p: string) => access(p).then(() => true, () => false);

describe('ImageStore on the file system', () => {
  it('puts (moving the spooled file), opens and removes', async () => {
    const key = imageKey('YX0000000042', 'application/pdf', new Date('2026-03-05T00:00:00Z'));
    expect(key).toMatch(/^2026\/03\/YX0000000042-[0-9a-f-]{36}\.pdf$/);
    const spool = join(dir, 'spooled.part');
    await writeFile(spool, '%PDF-1.4 test');
    await store.putFile(key, spool, 'application/pdf');
    expect(await exists(spool)).toBe(false);
    expect(await readFile(join(dir, key), 'utf8')).toBe('%PDF-1.4 test');
    expect(await text(await store.open(key))).toBe('%PDF-1.4 test');
    await store.remove(key);
    await store.remove(key);
    await expect(store.open(key)).rejects.toMatchObject({ code: 'images.content_missing', status: 410 });
  });

  it('refuses keys it did not make', async () => {
    for (const bad of ['../outside.png', '/etc/passwd', '2026/03/../../x.png', '2026/03/YX0000000001-aaaa.exe', '']) {
      await expect(store.open(bad)).rejects.toThrow(/not an image key/);
      await expect(store.remove(bad)).rejects.toThrow(/not an image key/);
    }
  });
});

describe('displayName', () => {
  it('keeps the last path segment, drops control characters, never cuts a character outside the BMP', () => {
    expect(displayName('..\\..\\windows\\system32\\a.tif')).toBe('a.tif');
    expect(displayName('a\u0000b\r\n.png')).toBe('ab.png');
    expect(displayName('..')).toBe('scan');
    expect(displayName(undefined)).toBe('scan');
    const long = '😀'.repeat(250);
    expect(Array.from(displayName(long))).toHaveLength(200);
    expect(displayName(long)).toBe('😀'.repeat(200));
  });
});
