// Opening a customer under review (issue 13 item 3, CIF-40): when the setting
// customers.information_review.opening covers the opening (by default a corporate one), the entry
// is a request and no customer exists until the checker of approval_step 'customer.open' approves
// it; the approval opens the customer, in the same transaction, with the number the next opening
// would get. So nothing pending is a customer anywhere — not in lists, scope, accounts, the feed,
// links, duplicates or reports — and a returned or rejected opening leaves no customer and uses no
// customer number. The pending openings are listed on the customer list (pendingOpenings).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { recordId } from '../../../common/id.ts';
import { invalid } from '../../../common/http/errors.ts';
import type { Database, Executor, Tx } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import type { ProposedChange, WorkflowType } from '../../approvals/workflow-type.ts';
import { submitRequest } from '../../approvals/approval.service.ts';
import { createCustomerBody, type CreateCustomer } from '../customer.schema.ts';
import { assertOpenable, insertCustomer, normaliseOpening, openingInstitutionOf } from '../customer.service.ts';
import { existenceGuard } from '../existence-guard.ts';
import { fieldsOf } from '../fields.ts';
import { maskChange } from '../masking.ts';

export const OPENING_TYPE = 'customer.open';

const payload = z.strictObject({
  customer: createCustomerBody,
  /** Decided at submission from the maker (the entry's institution, or his own). */
  institutionId: recordId,
  /** The maker when he is a customer manager (own-customers scope): he becomes the primary manager. */
  primaryManagerId: recordId.nullable(),
});
export type CustomerOpening = z.infer<typeof payload>;

const primaryManagerOf = (actor: Actor) => (actor.kind === 'user' && actor.dataScope === 'own' ? actor.id! : null);

/**
 * The subject: who is being opened, by the document that identifies him (a person's first ID
 * document; a company's credit code, else organisation code, else name), hashed — the engine's
 * open-subject index then refuses a second opening of the same person or company while one is
 * open, and the subject id shown to readers carries no ID number.
 */
function openingKey(c: CreateCustomer, values: Record<string, unknown>, identities: { idType: string; idNumber: string }[] | undefined) {
  const key = c.kind === 'personal'
    ? `personal:${identities![0]!.idType}:${identities![0]!.idNumber}`
    : `corporate:${(values.creditCode as string | undefined) || (values.organizationCode as string | undefined) || `name:${c.name}`}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : typeof v === 'object' ? JSON.stringify(v) : String(v));

export const customerOpening: WorkflowType<CustomerOpening> = {
  code: OPENING_TYPE,
  payload,
  // Everything an immediate opening refuses, refused at submission in the maker's charge; and a
  // payload (a resubmission may carry one) whose institution or manager is not the maker's own.
  async check(tx: Tx, maker: Actor, p: CustomerOpening) {
    const n = await normaliseOpening(tx, p.customer);
    if (p.institutionId !== openingInstitutionOf(maker, p.customer)) throw invalid({ path: 'payload.institutionId', code: 'approvals.payload_invalid', params: { detail: 'institutionId' } });
    if (p.primaryManagerId !== primaryManagerOf(maker)) throw invalid({ path: 'payload.primaryManagerId', code: 'approvals.payload_invalid', params: { detail: 'primaryManagerId' } });
    await assertOpenable(tx, maker, p.customer, n, p.institutionId);
    return { type: 'customer_opening', id: openingKey(p.customer, n.values, n.identities), label: `${p.customer.name}（${p.customer.kind === 'corporate' ? '对公开户' : '个人开户'}）` };
  },
  // What would be opened, field by field (new values only), masked as on every screen.
  async changes(db: Executor, p: CustomerOpening): Promise<ProposedChange[]> {
    const c = p.customer as Record<string, unknown> & CreateCustomer;
    const inst = await db.selectFrom('institution').select('name').where('id', '=', p.institutionId).executeTakeFirst();
    const rows: ProposedChange[] = [
      { field: 'kind', old: null, new: c.kind },
      { field: 'institution', old: null, new: inst?.name ?? null },
      { field: 'name', old: null, new: c.name },
    ];
    if (c.kind === 'personal') {
      rows.push({ field: 'identities', old: null, new: maskChange('personal', 'identities', c.identities.map((d) => `${d.idType}:${d.idNumber}${d.expiresOn ? `:${d.expiresOn}` : ''}`).join(';')) });
    } else if (c.scale) rows.push({ field: 'scale', old: null, new: c.scale });
    for (const f of fieldsOf(c.kind)) {
      const v = text(c[f.key]);
      if (v !== null) rows.push({ field: f.key, old: null, new: maskChange(c.kind, f.key, v) });
    }
    return rows;
  },
  // The entry holds ID numbers and phones in full, for the apply: readers get what it is.
  shownPayload: (p: CustomerOpening) => ({ kind: p.customer.kind, name: p.customer.name, institutionId: p.institutionId }),
  async apply(tx: Tx, checker: Actor, p: CustomerOpening, request) {
    const n = await normaliseOpening(tx, p.customer);
    const r = await existenceGuard(() => insertCustomer(tx, checker, p.customer, n, 'screen',
      { requestId: request.id, makerId: request.makerId, institutionId: p.institutionId, primaryManagerId: p.primaryManagerId }));
    return { customerId: r.id, customerNo: r.customerNo };
  },
};

/** Sends an opening to review (the route's 202): the institution and manager are the maker's, decided now. */
export const submitCustomerOpening = (db: Database, maker: Actor, input: CreateCustomer) =>
  submitRequest(db, maker, customerOpening, { customer: input, institutionId: openingInstitutionOf(maker, input), primaryManagerId: primaryManagerOf(maker) });
