// Users (USR-1, USR-2, USR-8): staff with a home institution (where they belong) and a managing
// institution (what they may see); joining, moving and leaving keep history.
import { businessToday } from '../../common/business-date.ts';
import { maskEmail, maskPhone } from '../../common/mask.ts';
import { sql } from 'kysely';
import type { Database, Executor, Tx } from '../../db/database.ts';
import { AppError, conflict, invalid, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { generateInitialPassword } from '../auth/password.ts';
import { assertAcceptablePassword, setPassword } from '../auth/session.service.ts';
import { institutionInScope } from './scope.ts';
import type { CreateUser, ListUsersQuery, MoveUser, UpdateUser, UserStatusChange } from './user.schema.ts';
import { assertGrantable, permissionsBeyond } from './role.service.ts';

const today = () => businessToday();
/** changed_by and granted_by name a person: a token's or the system's id is not an app_user id. */
const byUser = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

const PUBLIC_COLUMNS = ['app_user.id', 'app_user.username', 'app_user.display_name as displayName', 'app_user.employee_no as employeeNo',
  'app_user.home_institution_id as homeInstitutionId', 'app_user.managing_institution_id as managingInstitutionId',
  'app_user.mobile', 'app_user.email', 'app_user.status', 'app_user.must_change_password as mustChangePassword',
  'app_user.locked_until as lockedUntil', 'app_user.last_login_at as lastLoginAt', 'app_user.joined_on as joinedOn',
  'app_user.left_on as leftOn', 'app_user.version'] as const;

export async function listUsers(db: Database, actor: Actor, f: ListUsersQuery) {
  let q = db.selectFrom('app_user')
    .innerJoin('institution as h', 'h.id', 'app_user.home_institution_id')
    .innerJoin('institution as m', 'm.id', 'app_user.managing_institution_id')
    .where(institutionInScope(actor, 'app_user.home_institution_id'));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    q = q.where((eb) => eb.or([eb('app_user.username', 'ilike', like), eb('app_user.display_name', 'like', like), eb('app_user.employee_no', 'like', like)]));
  }
  if (f.institutionId) q = q.where('app_user.home_institution_id', '=', f.institutionId);
  if (f.status !== 'all') q = q.where('app_user.status', '=', f.status);
  if (f.roleId) q = q.where('app_user.id', 'in', (eb) => eb.selectFrom('user_role').select('user_id').where('role_id', '=', f.roleId!));
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.select([...PUBLIC_COLUMNS, 'h.name as homeInstitutionName', 'm.name as managingInstitutionName'])
    .orderBy('app_user.username').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const roles = rows.length ? await rolesOfUsers(db, rows.map((r) => r.id)) : [];
  return {
    total: Number(total), page: f.page, pageSize: f.pageSize,
    items: rows.map((r) => ({ ...r, roles: roles.filter((x) => x.userId === r.id).map(({ userId: _u, ...role }) => role) })),
  };
}

const rolesOfUsers = (db: Executor, userIds: number[]) => db.selectFrom('user_role').innerJoin('role', 'role.id', 'user_role.role_id')
  .select(['user_role.user_id as userId', 'role.id', 'role.code', 'role.name_zh as nameZh', 'role.name_en as nameEn', 'role.category'])
  .where('user_role.user_id', 'in', userIds).orderBy('role.id').execute();

/**
 * A user the actor may change: both where the user belongs and what the user sees must lie in
 * the actor's charge — a branch administrator cannot touch someone who manages head office.
 */
async function scopedUser(db: Executor, actor: Actor, id: number, lock = false) {
  let q = db.selectFrom('app_user').selectAll().where('id', '=', id)
    .where(institutionInScope(actor, 'app_user.home_institution_id'))
    .where(institutionInScope(actor, 'app_user.managing_institution_id'));
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Resetting a password hands over the account: only of someone holding no permission the actor lacks (head office excepted). */
async function assertNotMorePowerful(tx: Tx, actor: Actor, userId: number) {
  if (actor.kind === 'system' || actor.permissions.has('role.manage')) return;
  const roleIds = (await tx.selectFrom('user_role').select('role_id').where('user_id', '=', userId).execute()).map((r) => r.role_id);
  const excess = await permissionsBeyond(tx, actor, roleIds);
  if (excess.length) throw new AppError('org.role.escalation', 403, { permissions: excess.join(', ') });
}

export async function getUser(db: Database, actor: Actor, id: number) {
  const user = await db.selectFrom('app_user')
    .innerJoin('institution as h', 'h.id', 'app_user.home_institution_id')
    .innerJoin('institution as m', 'm.id', 'app_user.managing_institution_id')
    .select([...PUBLIC_COLUMNS, 'h.name as homeInstitutionName', 'm.name as managingInstitutionName'])
    .where('app_user.id', '=', id).where(institutionInScope(actor, 'app_user.home_institution_id')).executeTakeFirst();
  if (!user) throw notFound('user');
  const [roles, history] = await Promise.all([
    rolesOfUsers(db, [id]),
    db.selectFrom('user_history')
      .innerJoin('institution as h', 'h.id', 'user_history.home_institution_id')
      .innerJoin('institution as m', 'm.id', 'user_history.managing_institution_id')
      .leftJoin('app_user as c', 'c.id', 'user_history.changed_by')
      .select(['user_history.id', 'user_history.event', 'user_history.status', 'h.name as homeInstitutionName', 'm.name as managingInstitutionName',
        'user_history.valid_from as validFrom', 'user_history.valid_to as validTo', 'user_history.reason', 'c.username as changedBy'])
      .where('user_history.user_id', '=', id).orderBy('user_history.id', 'desc').execute(),
  ]);
  return { ...user, roles: roles.map(({ userId: _u, ...r }) => r), history };
}

async function assertInstitutions(tx: Tx, actor: Actor, homeId: number, managingId: number) {
  for (const [field, id] of [['homeInstitutionId', homeId], ['managingInstitutionId', managingId]] as const) {
    const inst = await tx.selectFrom('institution').select(['id', 'status']).where('id', '=', id).where(institutionInScope(actor, 'institution.id')).executeTakeFirst();
    if (!inst) throw invalid({ path: field, code: 'common.not_found', params: { entity: 'entity.institution' } });
    if (inst.status !== 'active') throw invalid({ path: field, code: 'org.user.institution_inactive' });
  }
}

async function recordUserHistory(tx: Tx, u: { id: number; home_institution_id: number; managing_institution_id: number; status: string },
  event: 'join' | 'move' | 'leave' | 'disable' | 'enable' | 'rejoin', validFrom: string, reason: string | null, changedBy: number | null) {
  await tx.updateTable('user_history').set({ valid_to: validFrom }).where('user_id', '=', u.id).where('valid_to', 'is', null).execute();
  await tx.insertInto('user_history').values({
    user_id: u.id, home_institution_id: u.home_institution_id, managing_institution_id: u.managing_institution_id,
    status: u.status, valid_from: validFrom, event, reason, changed_by: changedBy,
  }).execute();
}

/** USR-8 history is a chain of periods: a change takes effect no later than today and no earlier than the current period began. */
async function assertEffectiveDate(tx: Tx, userId: number, date: string) {
  if (date > today()) throw invalid({ path: 'effectiveDate', code: 'org.user.future_date' });
  const current = await tx.selectFrom('user_history').select('valid_from').where('user_id', '=', userId).where('valid_to', 'is', null).executeTakeFirst();
  if (current && date < current.valid_from) {
    throw invalid({ path: 'effectiveDate', code: 'org.user.before_current_period', params: { date: current.valid_from } });
  }
}

// Staff phone numbers and e-mail are personal data too: the audit log keeps them masked.
const auditView = (u: Record<string, unknown>) => {
  const { password_hash: _p, ...rest } = u;
  return { ...rest, mobile: maskPhone(rest.mobile as string | null), email: maskEmail(rest.email as string | null) };
};

export async function createUser(db: Database, actor: Actor, input: CreateUser) {
  const initialPassword = input.initialPassword ?? generateInitialPassword();
  await assertAcceptablePassword(db, null, input.username, initialPassword, 0, 'initialPassword');
  return db.transaction().execute(async (tx) => {
    await assertInstitutions(tx, actor, input.homeInstitutionId, input.managingInstitutionId);
    if (await tx.selectFrom('app_user').select('id').where(sql`lower(username)`, '=', input.username.toLowerCase()).executeTakeFirst()) {
      throw invalid({ path: 'username', code: 'org.user.username_taken', params: { username: input.username } });
    }
    if (input.employeeNo && await tx.selectFrom('app_user').select('id').where('employee_no', '=', input.employeeNo).executeTakeFirst()) {
      throw invalid({ path: 'employeeNo', code: 'org.user.employee_no_taken', params: { employeeNo: input.employeeNo } });
    }
    const user = await tx.insertInto('app_user').values({
      username: input.username, display_name: input.displayName, employee_no: input.employeeNo ?? null,
      home_institution_id: input.homeInstitutionId, managing_institution_id: input.managingInstitutionId,
      mobile: input.mobile ?? null, email: input.email ?? null, joined_on: input.joinedOn ?? today(),
      password_hash: 'unset', must_change_password: true,
    }).returningAll().executeTakeFirstOrThrow();
    await setPassword(tx, user.id, initialPassword, true);
    if (input.roleIds.length) {
      await assertGrantable(tx, actor, user.id, input.roleIds);
      await tx.insertInto('user_role').values(input.roleIds.map((role_id) => ({ user_id: user.id, role_id, granted_by: byUser(actor) }))).execute();
    }
    await recordUserHistory(tx, user, 'join', user.joined_on, null, byUser(actor));
    await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: { ...auditView(user), roleIds: input.roleIds } });
    return { id: user.id, initialPassword: input.initialPassword ? undefined : initialPassword };
  });
}

export async function updateUser(db: Database, actor: Actor, id: number, input: UpdateUser) {
  return db.transaction().execute(async (tx) => {
    const before = await scopedUser(tx, actor, id, true);
    if (!before) throw notFound('user');
    if (before.version !== input.version) throw conflict();
    if (before.status === 'left') throw invalid({ path: 'id', code: 'org.user.left' });
    if (input.employeeNo && input.employeeNo !== before.employee_no
      && await tx.selectFrom('app_user').select('id').where('employee_no', '=', input.employeeNo).executeTakeFirst()) {
      throw invalid({ path: 'employeeNo', code: 'org.user.employee_no_taken', params: { employeeNo: input.employeeNo } });
    }
    const after = await tx.updateTable('app_user').set({
      display_name: input.displayName ?? before.display_name,
      employee_no: input.employeeNo === undefined ? before.employee_no : input.employeeNo,
      mobile: input.mobile === undefined ? before.mobile : input.mobile,
      email: input.email === undefined ? before.email : input.email,
      version: before.version + 1, updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: id, before: auditView(before), after: auditView(after) });
    return { id };
  });
}

export async function moveUser(db: Database, actor: Actor, id: number, input: MoveUser) {
  return db.transaction().execute(async (tx) => {
    const before = await scopedUser(tx, actor, id, true);
    if (!before) throw notFound('user');
    if (before.version !== input.version) throw conflict();
    if (before.status === 'left') throw invalid({ path: 'id', code: 'org.user.left' });
    await assertEffectiveDate(tx, id, input.effectiveDate);
    await assertInstitutions(tx, actor, input.homeInstitutionId, input.managingInstitutionId);
    const after = await tx.updateTable('app_user').set({
      home_institution_id: input.homeInstitutionId, managing_institution_id: input.managingInstitutionId,
      version: before.version + 1, updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordUserHistory(tx, after, 'move', input.effectiveDate, input.reason, byUser(actor));
    await writeAudit(tx, actor, { action: 'user.move', entityType: 'user', entityId: id,
      before: { homeInstitutionId: before.home_institution_id, managingInstitutionId: before.managing_institution_id },
      after: { homeInstitutionId: after.home_institution_id, managingInstitutionId: after.managing_institution_id, effectiveDate: input.effectiveDate, reason: input.reason } });
    return { id };
  });
}

/** Disable, re-enable, or record that the person left; leaving ends every session. */
export async function changeUserStatus(db: Database, actor: Actor, id: number, input: UserStatusChange) {
  if (id === actor.personId) throw new AppError('org.user.self_change', 403);
  return db.transaction().execute(async (tx) => {
    const before = await scopedUser(tx, actor, id, true);
    if (!before) throw notFound('user');
    if (before.version !== input.version) throw conflict();
    if (before.status === input.status) return { id };
    await assertEffectiveDate(tx, id, input.effectiveDate);
    const after = await tx.updateTable('app_user').set({
      status: input.status, left_on: input.status === 'left' ? input.effectiveDate : null,
      version: before.version + 1, updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    if (input.status !== 'active') {
      await tx.updateTable('user_session').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    }
    const event = input.status === 'left' ? 'leave' : input.status === 'disabled' ? 'disable' : before.status === 'left' ? 'rejoin' : 'enable';
    await recordUserHistory(tx, after, event, input.effectiveDate, input.reason, byUser(actor));
    await writeAudit(tx, actor, { action: `user.${event}`, entityType: 'user', entityId: id, before: { status: before.status }, after: { status: after.status, reason: input.reason } });
    return { id };
  });
}

export async function unlockUser(db: Database, actor: Actor, id: number) {
  return db.transaction().execute(async (tx) => {
    const before = await scopedUser(tx, actor, id, true);
    if (!before) throw notFound('user');
    await tx.updateTable('app_user').set({ locked_until: null, failed_attempts: 0 }).where('id', '=', id).execute();
    await writeAudit(tx, actor, { action: 'user.unlock', entityType: 'user', entityId: id, before: { lockedUntil: before.locked_until } });
    return { id };
  });
}

/** An administrator issues a new initial password, shown once; the user must change it at sign-in. */
export async function resetPassword(db: Database, actor: Actor, id: number) {
  if (id === actor.personId) throw new AppError('org.user.self_change', 403);
  return db.transaction().execute(async (tx) => {
    const user = await scopedUser(tx, actor, id, true);
    if (!user) throw notFound('user');
    if (user.status === 'left') throw invalid({ path: 'id', code: 'org.user.left' });
    await assertNotMorePowerful(tx, actor, id);
    const initialPassword = generateInitialPassword();
    await setPassword(tx, id, initialPassword, true);
    await tx.updateTable('user_session').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    await writeAudit(tx, actor, { action: 'user.password.reset', entityType: 'user', entityId: id });
    return { id, initialPassword };
  });
}

export async function setUserRoles(db: Database, actor: Actor, id: number, roleIds: number[]) {
  return db.transaction().execute(async (tx) => {
    const user = await scopedUser(tx, actor, id, true);
    if (!user) throw notFound('user');
    if (user.status === 'left') throw invalid({ path: 'id', code: 'org.user.left' });
    const unique = [...new Set(roleIds)];
    await assertGrantable(tx, actor, id, unique);
    await assertNotMorePowerful(tx, actor, id);
    const before = (await tx.selectFrom('user_role').select('role_id').where('user_id', '=', id).execute()).map((r) => r.role_id).sort((a, b) => a - b);
    await tx.deleteFrom('user_role').where('user_id', '=', id).execute();
    if (unique.length) await tx.insertInto('user_role').values(unique.map((role_id) => ({ user_id: id, role_id, granted_by: byUser(actor) }))).execute();
    await writeAudit(tx, actor, { action: 'user.roles.set', entityType: 'user', entityId: id, before: { roleIds: before }, after: { roleIds: unique.sort((a, b) => a - b) } });
    return { id };
  });
}
