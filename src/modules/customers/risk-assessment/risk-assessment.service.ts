// CIF-6 risk assessments (风险测评): each questionnaire result is kept with its date and validity;
// the current one is the latest still valid. Individuals and corporate clients alike: the
// suitability rules for wealth-management products (理财产品销售管理, 投资者适当性) require
// an assessment of every investor, institutional ones included, before a sale.
// For a personal customer the current result is also its investor type (CIF-10), so the
// customer page and product suitability checks read one value that cannot contradict the record.
import type { Database, Executor, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { changedBy, type ChangedBy } from '../blacklist/blacklist.service.ts';
import { customerInScope } from '../customer.queries.ts';
import type { ChangeSource } from '../customer.service.ts';
import type { CreateRiskAssessment } from './risk-assessment.schema.ts';
import { loadCodeSets } from '../validate.ts';

/** The assessment in force on `day`: the latest assessed, valid through `day`. */
export async function currentAssessment(db: Executor, customerId: number, day: string) {
  return db.selectFrom('risk_assessment').select(['id', 'result', 'assessed_on', 'valid_until'])
    .where('customer_id', '=', customerId).where('assessed_on', '<=', day).where('valid_until', '>=', day)
    .orderBy('assessed_on', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/**
 * Brings a personal customer's investor type in line with its current assessment. An expired
 * assessment leaves the type as it was: the customer is due a new questionnaire, and the
 * product rules read the validity date, not a blanked field.
 */
export async function syncInvestorType(tx: Tx, by: ChangedBy, customerId: number, day: string, source: ChangeSource) {
  const person = await tx.selectFrom('personal_customer').select('investor_type').where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
  if (!person) return null;
  const current = await currentAssessment(tx, customerId, day);
  if (!current || current.result === person.investor_type) return null;
  await tx.updateTable('personal_customer').set({ investor_type: current.result }).where('customer_id', '=', customerId).execute();
  await tx.updateTable('customer').set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', customerId).execute();
  await tx.insertInto('customer_history').values({
    customer_id: customerId, field: 'investorType', old_value: person.investor_type, new_value: current.result,
    source, changed_by: by.userId, request_id: by.requestId,
  }).execute();
  return { before: person.investor_type, after: current.result };
}

async function inScope(db: Executor, actor: Actor, customerId: number) {
  const c = await db.selectFrom('customer').select(['id', 'kind', 'status', 'customer_no']).where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  return c;
}

export async function listRiskAssessments(db: Database, actor: Actor, customerId: number) {
  await inScope(db, actor, customerId);
  const today = businessToday();
  const rows = await db.selectFrom('risk_assessment as r').leftJoin('app_user as u', 'u.id', 'r.assessed_by')
    .select(['r.id', 'r.assessed_on as assessedOn', 'r.valid_until as validUntil', 'r.result', 'r.score', 'r.channel',
      'u.display_name as assessedBy', 'r.created_at as createdAt'])
    .where('r.customer_id', '=', customerId).orderBy('r.assessed_on', 'desc').orderBy('r.id', 'desc').execute();
  const current = await currentAssessment(db, customerId, today);
  const items = rows.map((r) => ({
    ...r, status: r.id === current?.id ? 'current' as const : r.validUntil < today ? 'expired' as const : 'superseded' as const,
  }));
  return { current: items.find((r) => r.status === 'current') ?? null, items };
}

export async function createRiskAssessment(db: Database, actor: Actor, customerId: number, input: CreateRiskAssessment) {
  const today = businessToday();
  const errors: FieldError[] = [];
  if (input.assessedOn > today) errors.push({ path: 'assessedOn', code: 'risk.assessed_in_future' });
  if (input.validUntil <= input.assessedOn) errors.push({ path: 'validUntil', code: 'risk.valid_until_not_after' });
  const codes = await loadCodeSets(db, ['investor_type']);
  if (!codes.get('investor_type')!.has(input.result)) errors.push({ path: 'result', code: 'codes.item.unknown', params: { table: 'investor_type', code: input.result } });
  if (errors.length) throw invalid(...errors);

  return db.transaction().execute(async (tx) => {
    const c = await tx.selectFrom('customer').select(['id', 'kind', 'status', 'customer_no']).where('id', '=', customerId)
      .where(customerInScope(actor)).forUpdate().executeTakeFirst();
    if (!c) throw notFound('customer');
    if (c.status !== 'active') throw invalid({ path: 'id', code: c.status === 'merged' ? 'customers.merged' : 'customers.not_active' });
    const by = changedBy(actor);
    const row = await tx.insertInto('risk_assessment').values({
      customer_id: c.id, assessed_on: input.assessedOn, valid_until: input.validUntil, result: input.result,
      score: input.score ?? null, channel: input.channel, assessed_by: by.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('customer_history').values({
      customer_id: c.id, field: 'riskAssessment', old_value: null, new_value: `${input.result} ${input.assessedOn}~${input.validUntil}`,
      source: 'screen', changed_by: by.userId, request_id: by.requestId,
    }).execute();
    const investorType = await syncInvestorType(tx, by, c.id, today, 'screen');
    await writeAudit(tx, actor, { action: 'customer.risk_assessment.create', entityType: 'customer', entityId: c.id,
      after: { assessmentId: row.id, customerNo: c.customer_no, ...input, investorType } });
    return { id: row.id, customerId: c.id, investorType: investorType?.after ?? null };
  });
}
