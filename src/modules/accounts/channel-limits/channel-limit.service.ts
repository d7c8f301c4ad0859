// ACC-7 customer-level transaction limits per channel (客户层渠道交易限额). A change is a new row
// from its effective date, never an overwrite: the limit a past transaction was checked against
// stays readable. The row in force on a day is the latest effective on or before it; of two rows
// with one effective date the later entered wins (the earlier was corrected before it applied).
// Changes cannot be back-dated: transactions already checked against the old limit stand.
import type { Database } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { LIMIT_CHANNELS } from './channel-limit.channels.ts';
import type { SetChannelLimit } from './channel-limit.schema.ts';
import { fromFen, toFen } from '../balances/daily-average.service.ts';

const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);
/** '0500.5' → '500.50': the stored and returned form, computed in integer fen. */
const normalise = (v: string | null | undefined) => (v == null ? null : fromFen(toFen(v)));

function checkOrder(input: SetChannelLimit): FieldError[] {
  const fen = (v: string | null | undefined) => (v == null ? null : toFen(v));
  const [per, daily, annual] = [fen(input.perTransaction), fen(input.dailyAmount), fen(input.annualAmount)];
  const errors: FieldError[] = [];
  if (per !== null && daily !== null && per > daily) errors.push({ path: 'perTransaction', code: 'channel_limits.per_transaction_over_daily' });
  if (daily !== null && annual !== null && daily > annual) errors.push({ path: 'dailyAmount', code: 'channel_limits.daily_over_annual' });
  if (per !== null && annual !== null && per > annual) errors.push({ path: 'perTransaction', code: 'channel_limits.per_transaction_over_annual' });
  return errors;
}

interface LimitRow {
  id: number; channel: string; per_transaction: string | null; daily_amount: string | null; daily_count: number | null; annual_amount: string | null;
  effective_from: string; remark: string | null; set_by: string | null; created_at: Date;
}
const toApi = (r: LimitRow) => ({
  id: r.id, channel: r.channel, perTransaction: r.per_transaction, dailyAmount: r.daily_amount, dailyCount: r.daily_count,
  annualAmount: r.annual_amount, effectiveFrom: r.effective_from, remark: r.remark, setBy: r.set_by, setAt: r.created_at,
});

export async function setChannelLimit(db: Database, actor: Actor, customerId: number, input: SetChannelLimit) {
  const today = businessToday();
  const errors = checkOrder(input);
  if (input.effectiveFrom < today) errors.push({ path: 'effectiveFrom', code: 'channel_limits.effective_in_past' });
  else if (input.effectiveFrom > `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`) errors.push({ path: 'effectiveFrom', code: 'channel_limits.effective_too_far' });
  if (errors.length) throw invalid(...errors);
  return db.transaction().execute(async (tx) => {
    const c = await tx.selectFrom('customer').select(['id', 'status', 'customer_no']).where('id', '=', customerId).where(customerInScope(actor)).forUpdate().executeTakeFirst();
    if (!c) throw notFound('customer');
    if (c.status !== 'active') throw invalid({ path: 'id', code: c.status === 'merged' ? 'customers.merged' : 'customers.not_active' });
    const before = await tx.selectFrom('channel_limit').select(['id', 'per_transaction', 'daily_amount', 'daily_count', 'annual_amount', 'effective_from'])
      .where('customer_id', '=', customerId).where('channel', '=', input.channel).where('effective_from', '<=', input.effectiveFrom)
      .orderBy('effective_from', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const values = {
      per_transaction: normalise(input.perTransaction), daily_amount: normalise(input.dailyAmount), daily_count: input.dailyCount ?? null,
      annual_amount: normalise(input.annualAmount), remark: input.remark || null,
    };
    const row = await tx.insertInto('channel_limit').values({ customer_id: customerId, channel: input.channel, effective_from: input.effectiveFrom, ...values, created_by: userOf(actor) })
      .returning(['id', 'created_at']).executeTakeFirstOrThrow();
    const after = { limitId: row.id, customerNo: c.customer_no, channel: input.channel, effectiveFrom: input.effectiveFrom, perTransaction: values.per_transaction,
      dailyAmount: values.daily_amount, dailyCount: values.daily_count, annualAmount: values.annual_amount, remark: values.remark };
    await writeAudit(tx, actor, { action: 'channel_limit.set', entityType: 'customer', entityId: customerId, before: before ? {
      limitId: before.id, effectiveFrom: before.effective_from, perTransaction: before.per_transaction, dailyAmount: before.daily_amount,
      dailyCount: before.daily_count, annualAmount: before.annual_amount } : null, after });
    return { id: row.id, channel: input.channel, perTransaction: values.per_transaction, dailyAmount: values.daily_amount, dailyCount: values.daily_count,
      annualAmount: values.annual_amount, effectiveFrom: input.effectiveFrom, remark: values.remark };
  });
}

/**
 * Per channel the limits in force today and those scheduled; and the whole history, newest entry
 * first, each row marked current, scheduled or superseded.
 */
export async function listChannelLimits(db: Database, actor: Actor, customerId: number) {
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const today = businessToday();
  const rows = await db.selectFrom('channel_limit as l').leftJoin('app_user as u', 'u.id', 'l.created_by')
    .select(['l.id', 'l.channel', 'l.per_transaction', 'l.daily_amount', 'l.daily_count', 'l.annual_amount', 'l.effective_from', 'l.remark',
      'u.display_name as set_by', 'l.created_at'])
    .where('l.customer_id', '=', customerId).orderBy('l.effective_from', 'desc').orderBy('l.id', 'desc').execute() as LimitRow[];

  const state = new Map<number, 'current' | 'scheduled' | 'superseded'>();
  const channels = LIMIT_CHANNELS.map((channel) => {
    const mine = rows.filter((r) => r.channel === channel);
    // Newest date first, later entry first within a date: the first row of each date is the one that applies from it.
    const winners = mine.filter((r, i) => i === 0 || mine[i - 1]!.effective_from !== r.effective_from);
    const current = winners.find((r) => r.effective_from <= today) ?? null;
    const scheduled = winners.filter((r) => r.effective_from > today).reverse();
    for (const r of mine) state.set(r.id, r === current ? 'current' : scheduled.includes(r) ? 'scheduled' : 'superseded');
    return { channel, current: current && toApi(current), scheduled: scheduled.map(toApi) };
  });
  const history = [...rows].sort((a, b) => b.id - a.id).map((r) => ({ ...toApi(r), state: state.get(r.id)! }));
  return { customerId, today, channels, history };
}
