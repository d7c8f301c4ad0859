// CIF-44 images (影像管理): scans imported per customer and optionally per account and certificate
// type, numbered at import and ordered by import time, their SHA-256 recorded; external imaging
// systems' scans referenced by id and link. Every read of a scan (its bytes or its link) is audited
// like a reveal of personal data.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import type { Database, Executor } from '../../db/database.ts';
import { AppError, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { assertCode } from '../codes/code-table.service.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { getSetting } from '../settings/settings.service.ts';
import { ALLOWED_TYPES, displayName, imageKey, type ImageContentType } from './image-key.ts';
import type { ImageStore } from './image-store.ts';
import { listImageRows, loadImageInScope, nextImageNo, type ImageRow } from './image.queries.ts';
import type { ExternalImageInput } from './image.schema.ts';

export interface ImageLink { certType?: string; accountId?: number; note?: string }

/** The customer (in scope) and, if given, its account and the certificate type valid for its kind. */
async function checkLink(db: Executor, actor: Actor, customerId: number, link: ImageLink) {
  const c = await db.selectFrom('customer').select(['id', 'kind', 'status']).where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  if (c.status !== 'active') throw new AppError('images.customer_inactive', 409);
  if (link.accountId != null) {
    const a = await db.selectFrom('account').select('id').where('id', '=', link.accountId).where('customer_id', '=', customerId).executeTakeFirst();
    if (!a) throw new AppError('common.validation', 422, {}, [{ path: 'accountId', code: 'images.account_not_of_customer' }]);
  }
  if (link.certType != null) await assertCode(db, c.kind === 'personal' ? 'id_type' : 'corporate_certificate_type', link.certType, 'certType');
}

/** Largest accepted scan, from the setting 'images.max_bytes'. */
export const maxImageBytes = (db: Executor) => getSetting(db, 'images.max_bytes');

/**
 * Imports one uploaded scan. The bytes are spooled to the store's spool folder while hashed; an
 * upload over the limit (the multipart stream errors), of a type not allowed by its content, or
 * refused for any other reason leaves no file behind.
 */
export async function importImage(db: Database, store: ImageStore, actor: Actor, customerId: number, link: ImageLink,
  upload: { fileName: string | undefined; stream: Readable }, maxBytes: number) {
  await checkLink(db, actor, customerId, link);
  await mkdir(store.spoolDir, { recursive: true });
  const spool = join(store.spoolDir, `${randomUUID()}.part`);
  let stored: string | null = null;
  try {
    const hash = createHash('sha256');
    let size = 0;
    const tooLarge = () => new AppError('images.too_large', 413, { maxMb: +(maxBytes / 1024 / 1024).toFixed(1) });
    // The multipart parser is given a limit one byte above the setting, so an oversize upload is
    // seen here (counted) or as a truncated stream; either way the spool file is removed below.
    try {
      await pipeline(upload.stream, async function* (src: AsyncIterable<Buffer>) {
        for await (const chunk of src) {
          size += chunk.length;
          if (size > maxBytes) throw tooLarge();
          hash.update(chunk);
          yield chunk;
        }
      }, createWriteStream(spool, { flags: 'wx' }));
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw err;
    }
    if ((upload.stream as { truncated?: boolean }).truncated) throw tooLarge();
    if (size === 0) throw new AppError('images.empty', 422);
    const detected = await fileTypeFromFile(spool);
    if (!detected || !(detected.mime in ALLOWED_TYPES)) {
      throw new AppError('images.type_not_allowed', 415, { detected: detected?.mime ?? 'unknown' });
    }
    const contentType = detected.mime as ImageContentType;
    const sha256 = hash.digest('hex');
    const originalName = displayName(upload.fileName);
    const imageNo = await nextImageNo(db);
    const key = imageKey(imageNo, contentType);
    await store.putFile(key, spool, contentType);
    stored = key;
    const row = await db.transaction().execute(async (tx) => {
      const r = await tx.insertInto('customer_image').values({
        image_no: imageNo, customer_id: customerId, account_id: link.accountId ?? null, cert_type: link.certType ?? null, source: 'stored',
        storage_key: key, content_type: contentType, byte_size: size, sha256, original_name: originalName, note: link.note || null, imported_by: actor.id,
      }).returning(['id', 'image_no', 'imported_at']).executeTakeFirstOrThrow();
      await writeAudit(tx, actor, { action: 'image.import', entityType: 'customer', entityId: customerId,
        after: { imageId: r.id, imageNo, accountId: link.accountId ?? null, certType: link.certType ?? null, contentType, byteSize: size, sha256, originalName } });
      return r;
    });
    stored = null;
    return { id: row.id, imageNo: row.image_no, contentType, byteSize: size, sha256, originalName, importedAt: row.imported_at };
  } finally {
    await rm(spool, { force: true });
    // The row did not commit: the stored copy goes too.
    if (stored) await store.remove(stored).catch(() => {});
  }
}

/** References a scan held by an external imaging system (loan contracts, vouchers): its id and link, no bytes. */
export async function referenceExternalImage(db: Database, actor: Actor, customerId: number, input: ExternalImageInput) {
  await checkLink(db, actor, customerId, input);
  return db.transaction().execute(async (tx) => {
    const dup = await tx.selectFrom('customer_image').select('image_no').where('source', '=', 'external')
      .where('external_system', '=', input.system).where('external_id', '=', input.externalId).executeTakeFirst();
    if (dup) throw new AppError('images.external_exists', 409, { imageNo: dup.image_no });
    const imageNo = await nextImageNo(tx);
    const r = await tx.insertInto('customer_image').values({
      image_no: imageNo, customer_id: customerId, account_id: input.accountId ?? null, cert_type: input.certType ?? null, source: 'external',
      external_system: input.system, external_id: input.externalId, external_url: input.url, note: input.note || null, imported_by: actor.id,
    }).returning(['id', 'image_no', 'imported_at']).executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'image.reference', entityType: 'customer', entityId: customerId,
      after: { imageId: r.id, imageNo, accountId: input.accountId ?? null, certType: input.certType ?? null, system: input.system, externalId: input.externalId, url: input.url } });
    return { id: r.id, imageNo: r.image_no, importedAt: r.imported_at };
  });
}

/** The latest scan of each certificate type (a scan with no type counts as its own group), newest first. */
export function latestPerType(rows: ImageRow[]): ImageRow[] {
  const seen = new Set<string>();
  const latest: ImageRow[] = [];
  for (const r of rows) {
    const k = r.certType ?? '';
    if (!seen.has(k)) { seen.add(k); latest.push(r); }
  }
  return latest;
}

const present = (r: ImageRow) => ({ ...r, contentUrl: `/api/images/${r.id}/content` });

export async function customerImages(db: Executor, actor: Actor, customerId: number) {
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const rows = await listImageRows(db, actor, { customerId });
  return { latest: latestPerType(rows).map(present), all: rows.map(present) };
}

export async function accountImages(db: Executor, actor: Actor, accountId: number) {
  const a = await db.selectFrom('account').innerJoin('customer', 'customer.id', 'account.customer_id')
    .select(['account.id', 'account.customer_id']).where('account.id', '=', accountId).where(customerInScope(actor)).executeTakeFirst();
  if (!a) throw notFound('account');
  const rows = await listImageRows(db, actor, { accountId });
  return { customerId: a.customer_id, latest: latestPerType(rows).map(present), all: rows.map(present) };
}

/**
 * Opens a scan for reading, after writing the audit row of the read (committed before a byte is
 * sent). Stored scans come back as a stream; external ones as the link to redirect to.
 */
export async function readImage(db: Database, store: ImageStore | undefined, actor: Actor, imageId: number, download: boolean) {
  const img = await loadImageInScope(db, actor, imageId);
  if (!img) throw notFound('image');
  if (img.source === 'stored' && !store) throw new AppError('images.store_unconfigured', 503);
  await db.transaction().execute((tx) => writeAudit(tx, actor, {
    action: 'image.read', entityType: 'customer', entityId: img.customer_id, after: { imageId: img.id, imageNo: img.image_no, source: img.source, download },
  }));
  if (img.source === 'external') return { kind: 'external' as const, url: img.external_url! };
  return {
    kind: 'stored' as const, stream: await store!.open(img.storage_key!), contentType: img.content_type!,
    fileName: img.original_name ?? `${img.image_no}.${ALLOWED_TYPES[img.content_type as ImageContentType]}`, sha256: img.sha256!,
  };
}
