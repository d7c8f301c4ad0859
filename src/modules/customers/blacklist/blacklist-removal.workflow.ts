// Lifting a blacklist entry under review (issue 13 item 3, CIF-40): when the setting
// customers.information_review.blacklistRemoval is on (the default), the lift is a request; the
// checkers of approval_step 'blacklist.remove' approve it, and only the last approval lifts the
// entry. Until then, and if it is returned, the entry stays in force and the customer stays listed.
import { z } from 'zod';
import { bigRecordId } from '../../../common/id.ts';
import { AppError, notFound } from '../../../common/http/errors.ts';
import { multiLineText } from '../../../common/text.ts';
import type { Executor, Tx } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import type { WorkflowType } from '../../approvals/workflow-type.ts';
import { blacklistEntryForRemoval, liftBlacklistEntry } from './blacklist.service.ts';

const payload = z.strictObject({ entryId: bigRecordId, reason: multiLineText().min(1).max(200) });
export type BlacklistRemoval = z.infer<typeof payload>;

export const blacklistRemoval: WorkflowType<BlacklistRemoval> = {
  code: 'blacklist.remove',
  payload,
  async check(tx: Tx, maker: Actor, p: BlacklistRemoval) {
    const e = await blacklistEntryForRemoval(tx, p.entryId, maker);
    if (!e) throw notFound('blacklist_entry');
    if (e.removed_on) throw new AppError('blacklist.already_removed', 409, { removedOn: e.removed_on });
    // The subject is the entry: a second lift of it is refused while one is open, while lifts of
    // a customer's other entries (another source's listing) go their own way.
    return { type: 'blacklist_entry', id: e.id, label: `${e.name}（${e.customer_no}）` };
  },
  // An entry changed since submission (lifted by another request, its expiry or reason edited)
  // is not the entry the reviewer is asked about.
  async basis(tx: Tx, p: BlacklistRemoval) {
    const e = await blacklistEntryForRemoval(tx, p.entryId);
    return { removedOn: e?.removed_on ?? null, expiresOn: e?.expires_on ?? null, reason: e?.reason ?? null };
  },
  async changes(db: Executor, p: BlacklistRemoval) {
    const e = await blacklistEntryForRemoval(db, p.entryId);
    return [
      { field: 'blacklistEntry', old: e ? `${e.list_kind} · ${e.source} · ${e.reason}` : null, new: null },
      { field: 'removedReason', old: null, new: p.reason },
    ];
  },
  async apply(tx: Tx, checker: Actor, p: BlacklistRemoval, request) {
    const r = await liftBlacklistEntry(tx, checker, p.entryId, p.reason, { requestId: request.id, makerId: request.makerId });
    return { ...r };
  },
  pendingFields: () => ['blacklisted'],
};
