// Customer information under review (issue 13 item 3, CIF-40): an entry clerk's change of a
// customer's key fields or identity documents is a request; 信息复核岗 sees old → new field by
// field and approves or returns it. Until the approval the customer keeps his old values; the
// approval applies the change in its own transaction, and the field history names the request,
// the maker and the checker.
import { z } from 'zod';
import { bigRecordId } from '../../../common/id.ts';
import { invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import type { Executor, Tx } from '../../../db/database.ts';
import { systemActor, type Actor } from '../../auth/actor.ts';
import type { WorkflowType } from '../../approvals/workflow-type.ts';
import { loadCustomer, type CustomerRecord } from '../customer.queries.ts';
import { updateCorporateBody, updatePersonalBody, type UpdateCustomer } from '../customer.schema.ts';
import { applyCustomerUpdate, diffCustomer } from '../customer.service.ts';
import { maskChange } from '../masking.ts';

// The patch is checked against the customer kind's own schema in check() and apply(); here only
// its outer shape, so that a request row never holds anything but a small object of fields.
/** The keyed fields' outer shape; also carried by the document-entry review (documents/transfer). */
export const informationPatch = z.record(z.string().max(60), z.unknown()).refine((p) => Object.keys(p).length <= 80, { message: 'too many fields' });
const payload = z.strictObject({ customerId: bigRecordId, patch: informationPatch });
export type CustomerInformationChange = z.infer<typeof payload>;

// Basis and the reviewer's view read the customer as it is, whoever asks: the request itself was
// scoped when it was submitted and is scoped again when it is read.
const bankWide = systemActor(0, '/');

function parsePatch(c: CustomerRecord, patch: Record<string, unknown>): UpdateCustomer {
  const r = (c.kind === 'personal' ? updatePersonalBody : updateCorporateBody).safeParse(patch);
  if (r.success) return r.data as UpdateCustomer;
  throw invalid(...r.error.issues.map((i): FieldError => ({ path: ['patch', ...i.path].join('.'), code: 'approvals.payload_invalid', params: { detail: i.message } })));
}

async function proposed(db: Executor, p: CustomerInformationChange, actor: Actor = bankWide) {
  const c = await loadCustomer(db, actor, p.customerId);
  if (!c) throw notFound('customer');
  const { changes } = await diffCustomer(db, c, parsePatch(c, p.patch));
  return { customer: c, changes };
}

const fieldsOfPatch = (p: CustomerInformationChange) => Object.keys(p.patch).filter((k) => k !== 'version');

export const customerInformationReview: WorkflowType<CustomerInformationChange> = {
  code: 'customer.information',
  payload,
  async check(tx: Tx, maker: Actor, p: CustomerInformationChange) {
    const { customer: c, changes } = await proposed(tx, p, maker);
    if (c.status !== 'active') throw invalid({ path: 'id', code: 'customers.not_active' });
    if (!changes.length) throw invalid({ path: 'patch', code: 'customers.review.nothing_changed' });
    return { type: 'customer', id: c.id, label: `${c.name}（${c.customerNo}）` };
  },
  // What each changed field held when the clerk keyed the change, and the status: a field changed
  // since (by another clerk, the feed, a merge) makes the approval stale, naming that field.
  // Other fields of the customer may change meanwhile without making the request stale.
  async basis(tx: Tx, p: CustomerInformationChange) {
    const c = await loadCustomer(tx, bankWide, p.customerId);
    if (!c) return { status: null };
    const patch = parsePatch(c, p.patch);
    const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
    const identities = c.identities.map((d) => `${d.idType}:${d.idNumber}${d.expiresOn ? `:${d.expiresOn}` : ''}`).join(';');
    const out: Record<string, unknown> = { status: c.status };
    for (const k of Object.keys(patch).filter((k) => k !== 'version').sort()) {
      out[k] = k === 'name' ? c.name : k === 'identities' ? identities : text(c.values[k]);
    }
    return out;
  },
  // Sensitive values (ID numbers, phones, addresses) masked as everywhere else on screen.
  async changes(db: Executor, p: CustomerInformationChange) {
    const { customer: c, changes } = await proposed(db, p);
    return changes.map((x) => ({ field: x.field, old: maskChange(c.kind, x.field, x.old), new: maskChange(c.kind, x.field, x.new) }));
  },
  // The keyed values may hold an ID number or a phone in full: readers get the field names, the
  // masked values are in `changes`.
  shownPayload: (p: CustomerInformationChange) => ({ customerId: p.customerId, fields: fieldsOfPatch(p) }),
  pendingFields: fieldsOfPatch,
  async apply(tx: Tx, checker: Actor, p: CustomerInformationChange, request) {
    const c = await loadCustomer(tx, checker, p.customerId);
    if (!c) throw notFound('customer');
    const r = await applyCustomerUpdate(tx, checker, p.customerId, parsePatch(c, p.patch), 'screen', { requestId: request.id, makerId: request.makerId });
    return { customerId: p.customerId, version: r.version, changed: r.changed };
  },
};
