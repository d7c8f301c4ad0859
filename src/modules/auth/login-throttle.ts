// Failed sign-ins per network address (issue 12). The account lockout stops one account's
// password being guessed; this stops one address trying a few passwords on many accounts, or
// probing which usernames exist. Counted in the database so that every app instance behind the
// load balancer counts the same failures; the address is Fastify's req.ip, which follows
// X-Forwarded-For only when CRM_TRUST_PROXY=true (otherwise a client could choose its own).
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../common/http/errors.ts';
import type { SecurityPolicy } from './password-policy.ts';

type Limits = Pick<SecurityPolicy, 'addressMaxFailures' | 'addressWindowMinutes'>;

/**
 * Refuses (429 auth.login.throttled, with the seconds to wait) an address that has used up its
 * failures for the current window. Checked before any password work, so a flood costs little.
 */
export async function assertAddressMayTry(db: Executor, ip: string | null, limits: Limits, now = new Date()): Promise<void> {
  if (!ip) return;
  const row = await db.selectFrom('login_throttle').select(['failures', 'window_started_at']).where('client_ip', '=', ip).executeTakeFirst();
  if (!row || row.failures < limits.addressMaxFailures) return;
  const endsAt = new Date(row.window_started_at).getTime() + limits.addressWindowMinutes * 60_000;
  if (endsAt <= now.getTime()) return;
  const retryAfter = Math.ceil((endsAt - now.getTime()) / 1000);
  throw new AppError('auth.login.throttled', 429, { retryAfter, minutes: Math.ceil(retryAfter / 60) });
}

/**
 * Counts one failed sign-in from the address (a window starts with the first failure and lasts
 * the policy's minutes). Returns true for the failure that uses up the allowance, which the
 * caller audits: the refusals that follow are not, so a flood does not flood the audit log.
 */
export async function recordAddressFailure(db: Executor, ip: string | null, limits: Limits, now = new Date()): Promise<boolean> {
  if (!ip) return false;
  const windowStart = new Date(now.getTime() - limits.addressWindowMinutes * 60_000);
  const current = sql<boolean>`login_throttle.window_started_at > ${windowStart}`;
  const row = await db.insertInto('login_throttle').values({ client_ip: ip, window_started_at: now, failures: 1 })
    .onConflict((oc) => oc.column('client_ip').doUpdateSet({
      failures: sql<number>`case when ${current} then login_throttle.failures + 1 else 1 end`,
      window_started_at: sql<Date>`case when ${current} then login_throttle.window_started_at else ${now} end`,
    }))
    .returning('failures').executeTakeFirstOrThrow();
  await db.deleteFrom('login_throttle').where('window_started_at', '<=', windowStart).execute();
  return row.failures === limits.addressMaxFailures;
}
