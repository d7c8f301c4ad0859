// SQL of the image register: rows in the caller's data scope (through the customer), the latest
// scan of each certificate type, numbering.
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { customerInScope } from '../customers/customer.queries.ts';

const COLUMNS = [
  'i.id', 'i.image_no as imageNo', 'i.customer_id as customerId', 'i.account_id as accountId', 'i.cert_type as certType',
  'i.source', 'i.content_type as contentType', 'i.byte_size as byteSize', 'i.sha256', 'i.original_name as originalName',
  'i.external_system as externalSystem', 'i.external_id as externalId', 'i.external_url as externalUrl', 'i.note',
  'u.display_name as importedBy', 'i.imported_at as importedAt',
] as const;

/** The customer's (or one account's) scans, newest import first; type names from the code table of the customer's kind. */
export function listImageRows(db: Executor, actor: Actor, where: { customerId: number } | { accountId: number }) {
  let q = db.selectFrom('customer_image as i')
    .innerJoin('customer', 'customer.id', 'i.customer_id')
    .leftJoin('app_user as u', 'u.id', 'i.imported_by')
    .leftJoin('code_item as t', (j) => j.onRef('t.code', '=', 'i.cert_type')
      .on(sql<SqlBool>`t.table_code = case customer.kind when 'personal' then 'id_type' else 'corporate_certificate_type' end`))
    .select([...COLUMNS, 't.name_zh as certTypeZh', 't.name_en as certTypeEn'])
    .where(customerInScope(actor));
  q = 'customerId' in where ? q.where('i.customer_id', '=', where.customerId) : q.where('i.account_id', '=', where.accountId);
  return q.orderBy('i.imported_at', 'desc').orderBy('i.id', 'desc').limit(500).execute();
}

export type ImageRow = Awaited<ReturnType<typeof listImageRows>>[number];

/** One image row if its customer is in the caller's scope. */
export function loadImageInScope(db: Executor, actor: Actor, id: number) {
  return db.selectFrom('customer_image as i').innerJoin('customer', 'customer.id', 'i.customer_id')
    .select(['i.id', 'i.image_no', 'i.customer_id', 'i.source', 'i.storage_key', 'i.content_type', 'i.original_name', 'i.external_url', 'i.sha256'])
    .where('i.id', '=', id).where(customerInScope(actor)).executeTakeFirst();
}

export async function nextImageNo(db: Executor): Promise<string> {
  const r = await sql<{ n: string }>`select nextval('customer_image_no_seq')::text as n`.execute(db);
  return `YX${r.rows[0]!.n.padStart(10, '0')}`;
}
