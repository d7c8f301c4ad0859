// What an audit row's object is called, so the log reads "张三 (zhangsan)" rather than "user #2".
// Resolved for one page of rows at a time, one query per kind of object on the page. Customers are
// named by their number only: the log is read by auditors of other institutions, and a customer's
// name is personal data the customer screens guard by scope.
import type { Executor } from '../../db/database.ts';

type Resolver = (db: Executor, ids: string[]) => Promise<[string, string][]>;
const numeric = (ids: string[]) => ids.filter((i) => /^\d{1,15}$/.test(i)).map(Number);

const RESOLVERS: Record<string, Resolver> = {
  user: async (db, ids) => (await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('id', 'in', numeric(ids)).execute())
    .map((u) => [String(u.id), `${u.display_name} (${u.username})`]),
  institution: async (db, ids) => (await db.selectFrom('institution').select(['id', 'code', 'name']).where('id', 'in', numeric(ids)).execute())
    .map((i) => [String(i.id), `${i.code} ${i.name}`]),
  role: async (db, ids) => (await db.selectFrom('role').select(['id', 'name_zh', 'name_en']).where('id', 'in', numeric(ids)).execute())
    .map((r) => [String(r.id), `${r.name_zh} / ${r.name_en}`]),
  product: async (db, ids) => (await db.selectFrom('product').select(['id', 'name_zh']).where('id', 'in', ids).execute())
    .map((p) => [p.id, `${p.id} ${p.name_zh}`]),
  customer: async (db, ids) => (await db.selectFrom('customer').select(['id', 'customer_no']).where('id', 'in', numeric(ids)).execute())
    .map((c) => [String(c.id), c.customer_no]),
  api_token: async (db, ids) => (await db.selectFrom('api_token').select(['id', 'name']).where('id', 'in', numeric(ids)).execute())
    .map((t) => [String(t.id), t.name]),
};

/** `type:id` → the object's name, for the objects of these rows that still exist. */
export async function auditObjectNames(db: Executor, rows: { entity_type: string | null; entity_id: string | null }[]): Promise<Map<string, string>> {
  const byType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.entity_type || !r.entity_id || !RESOLVERS[r.entity_type]) continue;
    byType.set(r.entity_type, (byType.get(r.entity_type) ?? new Set()).add(r.entity_id));
  }
  const names = new Map<string, string>();
  for (const [type, ids] of byType) {
    const list = [...ids];
    if (type !== 'product' && numeric(list).length === 0) continue;
    for (const [id, name] of await RESOLVERS[type]!(db, list)) names.set(`${type}:${id}`, name);
  }
  return names;
}
