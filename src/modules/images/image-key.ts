// Storage keys: year/month/image number + a random part, with the extension of the type found in
// the content. Nothing of the uploaded name reaches a path or an object key.
import { randomUUID } from 'node:crypto';

export const ALLOWED_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
} as const;
export type ImageContentType = keyof typeof ALLOWED_TYPES;

const KEY = /^\d{4}\/\d{2}\/YX\d{10}-[0-9a-f-]{36}\.(pdf|jpg|png|tif)$/;

export function imageKey(imageNo: string, contentType: ImageContentType, at = new Date()): string {
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${at.getUTCFullYear()}/${month}/${imageNo}-${randomUUID()}.${ALLOWED_TYPES[contentType]}`;
}

/** Stores refuse any key not of this shape: a second guard against a path leaving the store. */
export function assertImageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not an image key: ${key}`);
}

/**
 * The uploaded name as shown and offered on download: its last path segment, no control
 * characters, at most 200 characters (counted as code points, so a character outside the BMP is
 * never cut in half).
 */
export function displayName(name: string | undefined): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const chars = Array.from(clean);
  const cut = chars.length > 200 ? chars.slice(0, 200).join('') : clean;
  return cut === '' || cut === '.' || cut === '..' ? 'scan' : cut;
}
