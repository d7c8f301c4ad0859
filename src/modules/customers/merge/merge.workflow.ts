// Merging two records under review (issue 13 item 3, CIF-40): when the setting
// customers.information_review.merge is on (the default), a merge is a request; the checkers of
// approval_step 'customer.merge' approve it, and only the last approval merges, in the same
// transaction. Until then, and if it is returned, both records stay exactly as they are.
//
// The subject is the record that goes (`mergedId`): its page shows the pending merge and the
// engine's unique open-request index stops a second request for it. A merge is about two
// records, so the check also refuses a request touching either of them while another open
// request merges one of them (either way round, or with a third record).
import { sql } from 'kysely';
import { AppError } from '../../../common/http/errors.ts';
import type { Executor, Tx } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import type { ProposedChange, WorkflowType } from '../../approvals/workflow-type.ts';
import { maskChange } from '../masking.ts';
import { mergeBody, type MergeInput } from './merge.schema.ts';
import { assertIdentityLimit, lockPair, mergeInTransaction } from './merge.service.ts';

export const MERGE_TYPE = 'customer.merge';

/** Either record's status and version: any change to either since submission makes the approval stale. */
async function pairBasis(db: Executor, p: MergeInput) {
  const rows = await db.selectFrom('customer').select(['id', 'status', 'version']).where('id', 'in', [p.survivorId, p.mergedId]).execute();
  const of = (id: number) => { const r = rows.find((x) => x.id === id); return r ? { status: r.status, version: r.version } : null; };
  return { survivor: of(p.survivorId), merged: of(p.mergedId) };
}

/** Another open merge request over either record (not the request for this subject itself, which the engine's index catches, and which a resubmission is). */
async function otherOpenMerge(tx: Tx, p: MergeInput) {
  const ids = [String(p.survivorId), String(p.mergedId)];
  return tx.selectFrom('approval_request').select('id')
    .where('workflow_type', '=', MERGE_TYPE).where('status', 'in', ['pending', 'returned'])
    .where('subject_id', '<>', String(p.mergedId))
    .where((eb) => eb.or([eb('subject_id', 'in', ids), eb(sql<string>`payload->>'survivorId'`, 'in', ids)]))
    .executeTakeFirst();
}

/** The two records as the reviewer compares them: the one that goes (old) and the one that stays, as it will be (new). */
async function sideBySide(db: Executor, p: MergeInput): Promise<ProposedChange[]> {
  const people = await db.selectFrom('customer as c').innerJoin('institution as i', 'i.id', 'c.institution_id')
    .leftJoin('personal_customer as pc', 'pc.customer_id', 'c.id').leftJoin('corporate_customer as cc', 'cc.customer_id', 'c.id')
    .select(['c.id', 'c.customer_no', 'c.name', 'c.kind', 'c.blacklisted', 'c.created_at', 'i.name as institution', 'pc.birth_date', 'pc.mobile', 'cc.credit_code'])
    .where('c.id', 'in', [p.survivorId, p.mergedId]).execute();
  const docs = await db.selectFrom('customer_identity').select(['customer_id', 'id_type', 'id_number'])
    .where('customer_id', 'in', [p.survivorId, p.mergedId]).orderBy('customer_id').orderBy('seq').execute();
  const s = people.find((c) => c.id === p.survivorId);
  const m = people.find((c) => c.id === p.mergedId);
  if (!s || !m) return [{ field: 'mergeReason', old: null, new: p.reason }];
  const ids = (of: number[]) => docs.filter((d) => of.includes(d.customer_id)).map((d) => `${d.id_type}:${d.id_number}`).join(';') || null;
  const date = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  const rows: ProposedChange[] = [
    { field: 'customerNo', old: m.customer_no, new: s.customer_no },
    { field: 'name', old: m.name, new: s.name },
    ...(s.kind === 'personal' ? [
      { field: 'birthDate', old: date(m.birth_date), new: date(s.birth_date) },
      { field: 'mobile', old: maskChange('personal', 'mobile', m.mobile), new: maskChange('personal', 'mobile', s.mobile) },
      // The merged record's documents move to the survivor: it holds both sets afterwards.
      { field: 'identities', old: maskChange('personal', 'identities', ids([m.id])), new: maskChange('personal', 'identities', ids([s.id, m.id])) },
    ] : [{ field: 'creditCode', old: m.credit_code, new: s.credit_code }]),
    { field: 'institution', old: m.institution, new: s.institution },
    { field: 'blacklisted', old: String(m.blacklisted), new: String(s.blacklisted || m.blacklisted) },
    { field: 'openedOn', old: date(m.created_at), new: date(s.created_at) },
    { field: 'mergeReason', old: null, new: p.reason },
  ];
  return rows;
}

export const customerMerge: WorkflowType<MergeInput> = {
  code: MERGE_TYPE,
  payload: mergeBody,
  // Everything an immediate merge would refuse is refused at submission, in the maker's scope.
  async check(tx: Tx, maker: Actor, p: MergeInput) {
    const { survivor, merged } = await lockPair(tx, maker, p);
    if (survivor.kind === 'personal') await assertIdentityLimit(tx, survivor.id, merged.id);
    // Read after both records are locked: a concurrent request over them has committed by now.
    const other = await otherOpenMerge(tx, p);
    if (other) throw new AppError('approvals.already_open', 409, { openRequestId: other.id, type: `approvals.type.${MERGE_TYPE}` });
    return {
      type: 'customer', id: merged.id, label: `${merged.name}（${merged.customer_no} → ${survivor.customer_no}）`,
      basis: { survivor: { status: survivor.status, version: survivor.version }, merged: { status: merged.status, version: merged.version } },
    };
  },
  basis: (tx: Tx, p: MergeInput) => pairBasis(tx, p),
  changes: sideBySide,
  async apply(tx: Tx, checker: Actor, p: MergeInput, request) {
    return { ...(await mergeInTransaction(tx, checker, p, { requestId: request.id, makerId: request.makerId })) };
  },
  pendingFields: () => ['merge'],
};
