// Images in the demo book (CIF-44): the entry clerk of 市南支行 scanned the business licence and
// the basic-deposit-account opening permit (linked to the account) of a few corporate customers (small PNG and PDF files made in code),
// once twice — so "latest per type" has something to choose — and referenced one loan contract
// kept by the bank's imaging system. Imported through the same service as the screen's upload.
import { Readable } from 'node:stream';
import type { Database } from '../db/database.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { customerInScope } from '../modules/customers/customer.queries.ts';
import type { ImageStore } from '../modules/images/image-store.ts';
import { importImage, maxImageBytes, referenceExternalImage } from '../modules/images/image.service.ts';
import { samplePdf, samplePng } from '../modules/images/sample-scans.ts';

export async function addBookImages(db: Database, store: ImageStore, actorOf: (username: string) => Promise<Actor>): Promise<number> {
  const clerk = await actorOf('sn_entry');
  const customers = await db.selectFrom('customer').select('id').where('kind', '=', 'corporate').where('status', '=', 'active')
    .where(customerInScope(clerk)).orderBy('id').limit(4).execute();
  const max = await maxImageBytes(db);
  const put = (customerId: number, name: string, bytes: Buffer, certType: string, accountId?: number) =>
    importImage(db, store, clerk, customerId, { certType, accountId }, { fileName: name, stream: Readable.from([bytes]) }, max);
  let n = 0;
  for (const [i, c] of customers.entries()) {
    const account = await db.selectFrom('account').select('id').where('customer_id', '=', c.id).orderBy('id').limit(1).executeTakeFirst();
    await put(c.id, '营业执照.png', samplePng(240, 150, [200, 170, 120]), '01');
    await put(c.id, '基本存款账户开户许可证.pdf', samplePdf(`Basic deposit account opening permit - demo ${i + 1}`), '06', account?.id);
    n += 2;
    if (i === 0) {
      // Re-scanned after the licence was renewed: the newer one is shown.
      await put(c.id, '营业执照（换证后）.png', samplePng(240, 150, [120, 170, 200]), '01');
      await referenceExternalImage(db, clerk, c.id, { system: 'ECM', externalId: `HT-DEMO-${c.id}`, url: `https://ecm.bank.example/view?id=HT-DEMO-${c.id}`, accountId: account?.id, note: '借款合同（外部影像系统）' });
      n += 2;
    }
  }
  return n;
}
