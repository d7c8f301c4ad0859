// Sign-in, sessions and password changes (USR-10). Sessions live in the database so several
// app instances share them and an administrator can revoke them; the browser holds only a
// random token in an HttpOnly cookie, the database only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Executor } from '../../db/database.ts';
import { AppError } from '../../common/http/errors.ts';
import { writeAudit, type AnonymousActor } from '../audit/audit.service.ts';
import { getSetting } from '../settings/settings.service.ts';
import type { Actor } from './actor.ts';
import { loadActorForUser } from './actor.queries.ts';
import { checkPassword, passwordExpired } from './password-policy.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import { assertAddressMayTry, recordAddressFailure } from './login-throttle.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface ClientInfo { ip: string | null; userAgent: string | null; requestId: string | null }

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
  mustChangePassword: boolean;
  passwordExpiresAt: string | null;
}

const anonymous = (name: string, client: ClientInfo): AnonymousActor => ({
  kind: 'anonymous', id: null, name: name.slice(0, 60), institutionId: null, ip: client.ip, requestId: client.requestId,
});

export async function login(db: Database, username: string, password: string, client: ClientInfo): Promise<LoginResult> {
  const policy = await getSetting(db, 'security.policy');
  // Made once, before the first answer of any kind, so the first unknown username is not the slow one.
  const dummy = await dummyHash();
  await assertAddressMayTry(db, client.ip, policy);
  const outcome = await db.transaction().execute(async (tx) => {
    const user = await tx.selectFrom('app_user')
      .select(['id', 'username', 'display_name', 'home_institution_id', 'status', 'password_hash', 'password_changed_at',
        'must_change_password', 'failed_attempts', 'locked_until'])
      .where(sql`lower(username)`, '=', username.toLowerCase())
      .forUpdate()
      .executeTakeFirst();
    const who = user
      ? { kind: 'user' as const, id: user.id, name: user.username, institutionId: user.home_institution_id, ip: client.ip, requestId: client.requestId }
      : anonymous(username, client);
    const now = new Date();
    // Every failure counts against the address; the one that uses up its allowance is audited.
    const fail = async (error: AppError) => {
      if (await recordAddressFailure(tx, client.ip, policy, now)) {
        await writeAudit(tx, anonymous(username, client), { action: 'auth.address.throttled',
          after: { failures: policy.addressMaxFailures, windowMinutes: policy.addressWindowMinutes } });
      }
      return { error };
    };
    // Unless the policy reveals them, an unknown name, a wrong password and a locked account all
    // get this one answer, after the same argon2 work: nothing tells which usernames exist.
    const hidden = new AppError('auth.login.invalid', 401, { maxFailures: policy.maxFailures, lockMinutes: policy.lockMinutes });

    if (!user) {
      await verifyPassword(dummy, password);
      await writeAudit(tx, who, { action: 'auth.login.failed', after: { reason: 'unknown_user' } });
      return fail(hidden);
    }
    if (user.locked_until && new Date(user.locked_until) > now) {
      await verifyPassword(dummy, password);
      await writeAudit(tx, who, { action: 'auth.login.failed', entityType: 'user', entityId: user.id, after: { reason: 'locked' } });
      return fail(policy.revealUnknownUsername ? lockedError(new Date(user.locked_until), now) : hidden);
    }
    const ok = await verifyPassword(user.password_hash, password);
    if (!ok) {
      const failures = user.failed_attempts + 1;
      const lock = failures >= policy.maxFailures;
      const lockedUntil = lock ? new Date(now.getTime() + policy.lockMinutes * 60_000) : null;
      await tx.updateTable('app_user')
        .set({ failed_attempts: lock ? 0 : failures, locked_until: lockedUntil })
        .where('id', '=', user.id).execute();
      await writeAudit(tx, who, { action: lock ? 'auth.account.locked' : 'auth.login.failed', entityType: 'user', entityId: user.id,
        after: { reason: 'bad_password', failures } });
      if (!policy.revealUnknownUsername) return fail(hidden);
      return fail(lock ? lockedError(lockedUntil!, now) : new AppError('auth.login.invalid_remaining', 401, { remaining: policy.maxFailures - failures }));
    }
    // Only whoever knows the password learns that the account is closed.
    if (user.status !== 'active') {
      await writeAudit(tx, who, { action: 'auth.login.failed', entityType: 'user', entityId: user.id, after: { reason: user.status } });
      return fail(new AppError('auth.login.inactive', 401));
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await tx.insertInto('user_session').values({
      id: sha256(token), user_id: user.id, csrf_token: csrfToken, client_ip: client.ip, user_agent: client.userAgent?.slice(0, 300) ?? null,
    }).execute();
    await tx.updateTable('app_user').set({ failed_attempts: 0, locked_until: null, last_login_at: now }).where('id', '=', user.id).execute();
    const expired = passwordExpired(new Date(user.password_changed_at), policy, now);
    await writeAudit(tx, who, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return {
      result: {
        token, csrfToken, userId: user.id,
        mustChangePassword: user.must_change_password || expired,
        passwordExpiresAt: policy.maxAgeDays > 0
          ? new Date(new Date(user.password_changed_at).getTime() + policy.maxAgeDays * 86_400_000).toISOString() : null,
      },
    };
  });
  // The failure is thrown after the transaction commits: the failed attempt and its audit row stay.
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
}

function lockedError(until: Date, now: Date): AppError {
  return new AppError('auth.login.locked', 423, {
    until: until.toISOString(),
    minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000)),
  });
}

export interface SessionActor { actor: Actor; csrfToken: string; sessionId: string; mustChangePassword: boolean }

/** The actor behind a session cookie, or null if the session is unknown, revoked or idle too long. */
export async function resolveSession(db: Database, token: string, client: ClientInfo): Promise<SessionActor | null> {
  const id = sha256(token);
  const s = await db.selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['user_session.id', 'user_session.user_id', 'user_session.csrf_token', 'user_session.last_seen_at',
      'app_user.status', 'app_user.must_change_password', 'app_user.password_changed_at'])
    .where('user_session.id', '=', id).where('user_session.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!s || s.status !== 'active') return null;
  const policy = await getSetting(db, 'security.policy');
  const now = Date.now();
  const lastSeen = new Date(s.last_seen_at).getTime();
  const idleMs = policy.idleMinutes * 60_000;
  if (now - lastSeen > idleMs) {
    await db.updateTable('user_session').set({ revoked_at: new Date() }).where('id', '=', id).execute();
    return null;
  }
  // Activity is noted at a grain fine beside the idle limit (a thirtieth of it, at most a minute:
  // fewer writes). A fixed minute was as long as the shortest limit, which then ended sessions in
  // active use: a request 50 s in did not count, so one 20 s later found 70 s of "idleness".
  if (now - lastSeen > Math.min(60_000, idleMs / 30)) {
    await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
  }
  const actor = await loadActorForUser(db, s.user_id, client);
  if (!actor) return null;
  return {
    actor, csrfToken: s.csrf_token, sessionId: id,
    mustChangePassword: s.must_change_password || passwordExpired(new Date(s.password_changed_at), policy),
  };
}

export async function logout(db: Database, sessionId: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('user_session').set({ revoked_at: new Date() }).where('id', '=', sessionId).execute();
    await writeAudit(tx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.id });
  });
}

export async function changePassword(db: Database, actor: Actor, currentPassword: string, newPassword: string, keepSessionId: string | null): Promise<void> {
  const policy = await getSetting(db, 'security.policy');
  await db.transaction().execute(async (tx) => {
    const user = await tx.selectFrom('app_user').select(['id', 'username', 'password_hash']).where('id', '=', actor.id!).forUpdate().executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw new AppError('auth.password.current_wrong', 422, {}, [{ path: 'currentPassword', code: 'auth.password.current_wrong' }]);
    }
    await assertAcceptablePassword(tx, user.id, user.username, newPassword, policy.historyCount, 'newPassword');
    await setPassword(tx, user.id, newPassword, false);
    // Other sessions of this user end: whoever knew the old password is signed out.
    let others = tx.updateTable('user_session').set({ revoked_at: new Date() }).where('user_id', '=', user.id).where('revoked_at', 'is', null);
    if (keepSessionId) others = others.where('id', '<>', keepSessionId);
    await others.execute();
    await writeAudit(tx, actor, { action: 'auth.password.change', entityType: 'user', entityId: user.id });
  });
}

/** Policy and history checks for a new password; throws a 422 naming `field`. */
export async function assertAcceptablePassword(db: Executor, userId: number | null, username: string, password: string, historyCount: number, field: string): Promise<void> {
  const policy = await getSetting(db, 'security.policy');
  const problems = checkPassword(password, username, policy);
  if (problems.length) throw new AppError('auth.password.policy', 422, {}, problems.map((p) => ({ path: field, code: p.code, params: p.params })));
  if (userId !== null && historyCount > 0) {
    const previous = await db.selectFrom('password_history').select('password_hash').where('user_id', '=', userId)
      .orderBy('changed_at', 'desc').limit(historyCount).execute();
    for (const p of previous) {
      if (await verifyPassword(p.password_hash, password)) {
        throw new AppError('auth.password.policy', 422, {}, [{ path: field, code: 'auth.password.reused', params: { count: historyCount } }]);
      }
    }
  }
}

export async function setPassword(db: Executor, userId: number, password: string, mustChange: boolean): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.updateTable('app_user').set({
    password_hash: passwordHash, password_changed_at: new Date(), must_change_password: mustChange,
    failed_attempts: 0, locked_until: null, updated_at: new Date(),
  }).where('id', '=', userId).execute();
  await db.insertInto('password_history').values({ user_id: userId, password_hash: passwordHash }).execute();
}
