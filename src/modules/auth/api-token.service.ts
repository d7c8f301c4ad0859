// API tokens for other systems (core banking feeds, call centre): bound to roles and a managing
// institution like a user, stored hashed, shown once, revocable.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { AppError, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import { institutionInScope } from '../org/scope.ts';
import type { Actor } from './actor.ts';
import { loadActorForToken } from './actor.queries.ts';
import { sha256, type ClientInfo } from './session.service.ts';

export interface CreateTokenInput { name: string; roleIds: number[]; managingInstitutionId: number; expiresAt?: string | null }

export async function createApiToken(db: Database, actor: Actor, input: CreateTokenInput) {
  // A token is issued by a person (created_by references app_user): a token's id is not a user's.
  if (actor.kind !== 'user') throw new AppError('common.forbidden', 403, { permission: 'apitoken.manage' });
  return db.transaction().execute(async (tx) => {
    const inst = await tx.selectFrom('institution').select('id')
      .where('id', '=', input.managingInstitutionId).where(institutionInScope(actor, 'institution.id')).executeTakeFirst();
    if (!inst) throw notFound('institution');
    const roles = input.roleIds.length
      ? await tx.selectFrom('role').select(['id', 'code', 'data_scope']).where('id', 'in', input.roleIds).execute() : [];
    if (roles.length !== new Set(input.roleIds).size) throw notFound('role');
    // Nor wider data: a creator who sees only his own customers cannot issue a token that sees his institution's.
    const wider = actor.dataScope === 'own' ? roles.filter((r) => r.data_scope === 'institution').map((r) => r.code).sort() : [];
    if (wider.length) throw new AppError('auth.token.scope_escalation', 403, { roles: wider.join(', ') });
    // No escalation through a token: it may carry only permissions its creator holds.
    const perms = input.roleIds.length
      ? await tx.selectFrom('role_permission').select('permission_code').distinct().where('role_id', 'in', input.roleIds).execute() : [];
    const excess = perms.map((p) => p.permission_code).filter((p) => !actor.permissions.has(p));
    if (excess.length) throw new AppError('auth.token.escalation', 403, { permissions: excess.join(', ') });

    const prefix = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const token = `crm_${prefix}_${secret}`;
    const row = await tx.insertInto('api_token').values({
      name: input.name, prefix, token_hash: sha256(token), managing_institution_id: input.managingInstitutionId,
      created_by: actor.id!, expires_at: input.expiresAt ? new Date(input.expiresAt) : null,
    }).returning(['id', 'name', 'prefix', 'created_at as createdAt', 'expires_at as expiresAt']).executeTakeFirstOrThrow();
    if (input.roleIds.length) {
      await tx.insertInto('api_token_role').values(input.roleIds.map((role_id) => ({ token_id: row.id, role_id }))).execute();
    }
    await writeAudit(tx, actor, { action: 'apitoken.create', entityType: 'api_token', entityId: row.id,
      after: { name: row.name, prefix, roleIds: input.roleIds, managingInstitutionId: input.managingInstitutionId, expiresAt: row.expiresAt } });
    return { ...row, token };
  });
}

export async function listApiTokens(db: Database, actor: Actor) {
  const rows = await db.selectFrom('api_token')
    .innerJoin('institution', 'institution.id', 'api_token.managing_institution_id')
    .innerJoin('app_user', 'app_user.id', 'api_token.created_by')
    .select(['api_token.id', 'api_token.name', 'api_token.prefix', 'api_token.managing_institution_id as managingInstitutionId', 'institution.name as institutionName',
      'app_user.username as createdBy', 'api_token.created_at as createdAt', 'api_token.expires_at as expiresAt', 'api_token.last_used_at as lastUsedAt', 'api_token.revoked_at as revokedAt',
      // The screen shows why a system's calls stopped: its issuer is not in post (loadActorForToken).
      sql<boolean>`app_user.status = 'active' and (app_user.locked_until is null or app_user.locked_until <= now())`.as('issuerActive')])
    .where(institutionInScope(actor, 'api_token.managing_institution_id'))
    .orderBy('api_token.id', 'desc').execute();
  const roles = rows.length
    ? await db.selectFrom('api_token_role').innerJoin('role', 'role.id', 'api_token_role.role_id')
      .select(['api_token_role.token_id', 'role.id', 'role.code', 'role.name_zh as nameZh', 'role.name_en as nameEn'])
      .where('api_token_role.token_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  return rows.map((r) => ({ ...r, roles: roles.filter((x) => x.token_id === r.id).map(({ token_id: _t, ...role }) => role) }));
}

export async function revokeApiToken(db: Database, actor: Actor, id: number) {
  await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('api_token').select(['id', 'name', 'revoked_at'])
      .where('id', '=', id).where(institutionInScope(actor, 'api_token.managing_institution_id')).forUpdate().executeTakeFirst();
    if (!row) throw notFound('api_token');
    if (row.revoked_at) return;
    await tx.updateTable('api_token').set({ revoked_at: new Date(), revoked_by: actor.kind === 'user' ? actor.id : null }).where('id', '=', id).execute();
    await writeAudit(tx, actor, { action: 'apitoken.revoke', entityType: 'api_token', entityId: id, before: { name: row.name } });
  });
}

/** The actor behind `Authorization: Bearer crm_…`, or null when unknown, revoked or expired (AppError 401 when its issuer may no longer act). */
export async function resolveApiToken(db: Database, token: string, client: ClientInfo): Promise<Actor | null> {
  if (!/^crm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.selectFrom('api_token').select(['id', 'revoked_at', 'expires_at', 'last_used_at'])
    .where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at) < new Date())) return null;
  // Throws 401 when the issuer may no longer act: a suspended token is not "used".
  const actor = await loadActorForToken(db, row.id, client);
  if (actor && (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000)) {
    await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  return actor;
}
