// Institutions (ORG-1…6): a tree whose shape follows the bank (head office → branch →
// sub-branch → marketing team), where statistical institutions hold institutions and marketing
// institutions hold people, and whose every move, rename and closure is kept as history.
import { businessToday } from '../../common/business-date.ts';
import { sql } from 'kysely';
import type { Database, Executor } from '../../db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { recordInstitutionHistory, selectInstitutionRow, selectInstitutions } from './institution.queries.ts';
import type { CreateInstitution, MoveInstitution, StatusChange, UpdateInstitution } from './institution.schema.ts';

const today = () => businessToday();
/** changed_by names a person: a token's or the system's id is not an app_user id. */
const changedBy = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

export const listInstitutions = (db: Database, actor: Actor, f: { status?: 'active' | 'inactive' | 'all'; q?: string }) =>
  selectInstitutions(db, actor, f);

export async function getInstitution(db: Database, actor: Actor, id: number) {
  const [inst] = await selectInstitutions(db, actor, { id });
  if (!inst) throw notFound('institution');
  const [counts, history] = await Promise.all([
    sql<{ children: number; users: number }>`select
        (select count(*)::int from institution where parent_id = ${id} and status = 'active') as children,
        (select count(*)::int from app_user where (home_institution_id = ${id} or managing_institution_id = ${id}) and status <> 'left') as users`.execute(db),
    db.selectFrom('institution_history')
      .leftJoin('institution as p', 'p.id', 'institution_history.parent_id')
      .leftJoin('app_user as u', 'u.id', 'institution_history.changed_by')
      .select(['institution_history.id', 'institution_history.event', 'institution_history.code', 'institution_history.name',
        'institution_history.status', 'institution_history.parent_id as parentId', 'p.name as parentName',
        'institution_history.valid_from as validFrom', 'institution_history.valid_to as validTo',
        'institution_history.reason', 'u.username as changedBy', 'institution_history.changed_at as changedAt'])
      .where('institution_history.institution_id', '=', id).orderBy('institution_history.id', 'desc').execute(),
  ]);
  return { ...inst, activeChildren: counts.rows[0]!.children, users: counts.rows[0]!.users, history };
}

/**
 * ORG-6 history is a chain of periods, so a change takes effect no later than today and no earlier
 * than the start of the current period; otherwise a period would end before it began.
 */
async function assertEffectiveDate(db: Executor, id: number, date: string) {
  if (date > today()) throw invalid({ path: 'effectiveDate', code: 'org.institution.future_date' });
  const current = await db.selectFrom('institution_history').select('valid_from')
    .where('institution_id', '=', id).where('valid_to', 'is', null).executeTakeFirst();
  if (current && date < current.valid_from) {
    throw invalid({ path: 'effectiveDate', code: 'org.institution.before_current_period', params: { date: current.valid_from } });
  }
}

async function assertCodeFree(db: Executor, code: string, exceptId?: number) {
  let q = db.selectFrom('institution').select('id').where(sql`upper(code)`, '=', code.toUpperCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw invalid({ path: 'code', code: 'org.institution.code_taken', params: { code } });
}

export async function createInstitution(db: Database, actor: Actor, input: CreateInstitution) {
  return db.transaction().execute(async (tx) => {
    const parent = await selectInstitutionRow(tx, actor, input.parentId, true);
    if (!parent) throw notFound('institution');
    if (parent.status !== 'active') throw invalid({ path: 'parentId', code: 'org.institution.parent_inactive' });
    if (parent.kind === 'marketing') throw invalid({ path: 'parentId', code: 'org.institution.parent_is_marketing' });
    const level = parent.level + 1;
    if (!(await tx.selectFrom('institution_level').select('level').where('level', '=', level).executeTakeFirst())) {
      throw invalid({ path: 'parentId', code: 'org.institution.too_deep', params: { level } });
    }
    await assertCodeFree(tx, input.code);
    const row = await tx.insertInto('institution').values({
      code: input.code, name: input.name, parent_id: parent.id, level, kind: input.kind, category: input.category ?? null,
      address: input.address ?? null, phone: input.phone ?? null, opened_on: input.openedOn ?? today(), path: '',
    }).returningAll().executeTakeFirstOrThrow();
    const path = `${parent.path}${row.id}/`;
    await tx.updateTable('institution').set({ path }).where('id', '=', row.id).execute();
    await recordInstitutionHistory(tx, row, 'open', row.opened_on ?? today(), null, changedBy(actor));
    await writeAudit(tx, actor, { action: 'institution.create', entityType: 'institution', entityId: row.id, after: { ...row, path } });
    return { id: row.id };
  });
}

export async function updateInstitution(db: Database, actor: Actor, id: number, input: UpdateInstitution) {
  return db.transaction().execute(async (tx) => {
    const before = await selectInstitutionRow(tx, actor, id, true);
    if (!before) throw notFound('institution');
    if (before.version !== input.version) throw conflict();
    if (input.kind === 'marketing' && before.kind !== 'marketing') {
      const child = await tx.selectFrom('institution').select('id').where('parent_id', '=', id).where('status', '=', 'active').executeTakeFirst();
      if (child) throw invalid({ path: 'kind', code: 'org.institution.marketing_with_children' });
    }
    const after = await tx.updateTable('institution').set({
      name: input.name ?? before.name,
      kind: input.kind ?? before.kind,
      category: input.category === undefined ? before.category : input.category,
      address: input.address === undefined ? before.address : input.address,
      phone: input.phone === undefined ? before.phone : input.phone,
      version: before.version + 1,
      updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    if (after.name !== before.name) await recordInstitutionHistory(tx, after, 'rename', today(), null, changedBy(actor));
    await writeAudit(tx, actor, { action: 'institution.update', entityType: 'institution', entityId: id, before, after });
    return { id };
  });
}

/** ORG-6: a move re-parents the whole subtree; users and (later) customers keep their institution. */
export async function moveInstitution(db: Database, actor: Actor, id: number, input: MoveInstitution) {
  return db.transaction().execute(async (tx) => {
    const inst = await selectInstitutionRow(tx, actor, id, true);
    if (!inst) throw notFound('institution');
    if (inst.version !== input.version) throw conflict();
    if (inst.parent_id === null) throw invalid({ path: 'parentId', code: 'org.institution.root_fixed' });
    await assertEffectiveDate(tx, id, input.effectiveDate);
    const parent = await selectInstitutionRow(tx, actor, input.parentId, true);
    if (!parent) throw notFound('institution');
    if (parent.path.startsWith(inst.path)) throw invalid({ path: 'parentId', code: 'org.institution.move_into_self' });
    if (parent.kind === 'marketing') throw invalid({ path: 'parentId', code: 'org.institution.parent_is_marketing' });
    if (parent.status !== 'active') throw invalid({ path: 'parentId', code: 'org.institution.parent_inactive' });
    // Strict parent/child levels (ORG-1): a sub-branch moves only under a branch.
    if (parent.level + 1 !== inst.level) throw invalid({ path: 'parentId', code: 'org.institution.level_mismatch' });
    if (parent.id === inst.parent_id) return { id };
    const newPath = `${parent.path}${inst.id}/`;
    await tx.updateTable('institution')
      .set({ path: sql`${newPath} || substr(path, ${inst.path.length + 1})`, updated_at: new Date() })
      .where('path', 'like', inst.path + '%').execute();
    const after = await tx.updateTable('institution').set({ parent_id: parent.id, version: inst.version + 1 })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordInstitutionHistory(tx, after, 'move', input.effectiveDate, input.reason, changedBy(actor));
    await writeAudit(tx, actor, { action: 'institution.move', entityType: 'institution', entityId: id,
      before: { parentId: inst.parent_id, path: inst.path }, after: { parentId: parent.id, path: newPath, effectiveDate: input.effectiveDate, reason: input.reason } });
    return { id };
  });
}

/** Closing never deletes: an institution with active children or staff cannot be closed at all. */
export async function deactivateInstitution(db: Database, actor: Actor, id: number, input: StatusChange) {
  return db.transaction().execute(async (tx) => {
    const inst = await selectInstitutionRow(tx, actor, id, true);
    if (!inst) throw notFound('institution');
    if (inst.version !== input.version) throw conflict();
    if (inst.status === 'inactive') return { id };
    if (inst.parent_id === null) throw invalid({ path: 'id', code: 'org.institution.root_fixed' });
    await assertEffectiveDate(tx, id, input.effectiveDate);
    const child = await tx.selectFrom('institution').select('id').where('parent_id', '=', id).where('status', '=', 'active').executeTakeFirst();
    if (child) throw new AppError('org.institution.has_children', 409);
    const user = await tx.selectFrom('app_user').select('id').where('status', '<>', 'left')
      .where((eb) => eb.or([eb('home_institution_id', '=', id), eb('managing_institution_id', '=', id)])).executeTakeFirst();
    if (user) throw new AppError('org.institution.has_users', 409);
    const after = await tx.updateTable('institution').set({ status: 'inactive', closed_on: input.effectiveDate, version: inst.version + 1, updated_at: new Date() })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordInstitutionHistory(tx, after, 'deactivate', input.effectiveDate, input.reason, changedBy(actor));
    await writeAudit(tx, actor, { action: 'institution.deactivate', entityType: 'institution', entityId: id, before: { status: inst.status }, after: { status: 'inactive', reason: input.reason } });
    return { id };
  });
}

export async function reactivateInstitution(db: Database, actor: Actor, id: number, input: StatusChange) {
  return db.transaction().execute(async (tx) => {
    const inst = await selectInstitutionRow(tx, actor, id, true);
    if (!inst) throw notFound('institution');
    if (inst.version !== input.version) throw conflict();
    if (inst.status === 'active') return { id };
    await assertEffectiveDate(tx, id, input.effectiveDate);
    const parent = inst.parent_id ? await tx.selectFrom('institution').select('status').where('id', '=', inst.parent_id).executeTakeFirst() : null;
    if (parent && parent.status !== 'active') throw invalid({ path: 'id', code: 'org.institution.parent_inactive' });
    const after = await tx.updateTable('institution').set({ status: 'active', closed_on: null, version: inst.version + 1, updated_at: new Date() })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordInstitutionHistory(tx, after, 'reactivate', input.effectiveDate, input.reason, changedBy(actor));
    await writeAudit(tx, actor, { action: 'institution.reactivate', entityType: 'institution', entityId: id, before: { status: 'inactive' }, after: { status: 'active', reason: input.reason } });
    return { id };
  });
}

export const listInstitutionLevels = (db: Executor) =>
  db.selectFrom('institution_level').select(['level', 'name_zh as nameZh', 'name_en as nameEn']).orderBy('level').execute();

/** Level names are configuration (总行/分行/支行/营销团队 or 联社/信用社/网点); only head office may rename them. */
export async function setInstitutionLevels(db: Database, actor: Actor, levels: { level: number; nameZh: string; nameEn: string }[]) {
  return db.transaction().execute(async (tx) => {
    const root = await tx.selectFrom('institution').select('path').where('parent_id', 'is', null).executeTakeFirst();
    if (!root || actor.scopePath !== root.path) throw new AppError('org.level.head_office_only', 403);
    const before = await listInstitutionLevels(tx);
    for (const l of levels) {
      await tx.insertInto('institution_level').values({ level: l.level, name_zh: l.nameZh, name_en: l.nameEn })
        .onConflict((oc) => oc.column('level').doUpdateSet({ name_zh: l.nameZh, name_en: l.nameEn })).execute();
    }
    await writeAudit(tx, actor, { action: 'institution.levels.update', entityType: 'institution_level', before, after: levels });
  });
}
