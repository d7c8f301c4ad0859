// Builds an Actor from the database: roles → permissions and data scope, managing institution → path.
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../common/http/errors.ts';
import { systemActor, type Actor } from './actor.ts';

interface Client { ip: string | null; requestId: string | null }

async function rolesOf(db: Executor, roleIds: number[]) {
  if (roleIds.length === 0) return { permissions: new Set<string>(), dataScope: 'own' as const };
  const [perms, roles] = await Promise.all([
    db.selectFrom('role_permission').select('permission_code').where('role_id', 'in', roleIds).execute(),
    db.selectFrom('role').select('data_scope').where('id', 'in', roleIds).execute(),
  ]);
  return {
    permissions: new Set(perms.map((p) => p.permission_code)),
    // Any institution-scoped role widens the scope to the subtree; otherwise own customers only.
    dataScope: roles.some((r) => r.data_scope === 'institution') ? ('institution' as const) : ('own' as const),
  };
}

export async function loadActorForUser(db: Executor, userId: number, client: Client): Promise<Actor | null> {
  const user = await db.selectFrom('app_user')
    .innerJoin('institution as m', 'm.id', 'app_user.managing_institution_id')
    .select(['app_user.id', 'app_user.username', 'app_user.display_name', 'app_user.home_institution_id', 'app_user.managing_institution_id', 'app_user.status', 'm.path'])
    .where('app_user.id', '=', userId).executeTakeFirst();
  if (!user || user.status !== 'active') return null;
  const roleIds = (await db.selectFrom('user_role').select('role_id').where('user_id', '=', userId).execute()).map((r) => r.role_id);
  const { permissions, dataScope } = await rolesOf(db, roleIds);
  return {
    kind: 'user', id: user.id, personId: user.id, name: user.username, institutionId: user.home_institution_id,
    managingInstitutionId: user.managing_institution_id, scopePath: user.path, dataScope, permissions,
    ip: client.ip, requestId: client.requestId,
  };
}

/**
 * A token acts for its issuer and never beyond what he may do today: an issuer who is disabled,
 * has left or is locked out suspends his tokens (401), and roles or institutions he has lost since
 * narrow them — permissions and data scope are the intersection of the token's and the issuer's.
 */
export async function loadActorForToken(db: Executor, tokenId: number, client: Client): Promise<Actor | null> {
  const token = await db.selectFrom('api_token')
    .innerJoin('institution as m', 'm.id', 'api_token.managing_institution_id')
    .innerJoin('app_user as issuer', 'issuer.id', 'api_token.created_by')
    .select(['api_token.id', 'api_token.name', 'api_token.managing_institution_id', 'm.path', 'api_token.created_by',
      'issuer.status as issuerStatus', 'issuer.locked_until as issuerLockedUntil'])
    .where('api_token.id', '=', tokenId).executeTakeFirst();
  if (!token) return null;
  const locked = token.issuerLockedUntil !== null && new Date(token.issuerLockedUntil) > new Date();
  const issuer = locked ? null : await loadActorForUser(db, token.created_by, client);
  if (!issuer) throw new AppError('auth.token.issuer_inactive', 401, { reason: locked ? 'locked' : token.issuerStatus });
  // Both scopes are subtrees: they meet in the deeper one, or not at all.
  const within = token.path.startsWith(issuer.scopePath);
  if (!within && !issuer.scopePath.startsWith(token.path)) throw new AppError('auth.token.out_of_charge', 401);

  const roleIds = (await db.selectFrom('api_token_role').select('role_id').where('token_id', '=', tokenId).execute()).map((r) => r.role_id);
  const granted = await rolesOf(db, roleIds);
  return {
    kind: 'token', id: token.id, personId: issuer.id, name: `token:${token.name}`.slice(0, 60), institutionId: token.managing_institution_id,
    managingInstitutionId: within ? token.managing_institution_id : issuer.managingInstitutionId,
    scopePath: within ? token.path : issuer.scopePath,
    dataScope: granted.dataScope === 'own' || issuer.dataScope === 'own' ? 'own' : 'institution',
    permissions: new Set([...granted.permissions].filter((p) => issuer.permissions.has(p))),
    ip: client.ip, requestId: client.requestId,
  };
}

/** The system acting at the bank's root institution: what start-up, jobs and the feed run as. */
export async function rootSystemActor(db: Executor): Promise<Actor> {
  const root = await db.selectFrom('institution').select(['id', 'path']).where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  return systemActor(root.id, root.path);
}
