import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CSRF_HEADER, SESSION_COOKIE } from './authenticate.ts';
import { AppError } from '../../common/http/errors.ts';
import { idParams } from '../../common/id.ts';
import { getSetting } from '../settings/settings.service.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token.service.ts';
import { changePasswordBody, createTokenBody, loginAnswer, loginBody, meAnswer, type Me } from './auth.schema.ts';
import { noContent } from '../../common/http/answers.ts';
import { changePassword, login, logout } from './session.service.ts';
import { passwordExpired } from './password-policy.ts';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/auth/login', { config: { public: true }, schema: { tags, summary: 'Sign in; sets the session cookie', body: loginBody, response: { 200: loginAnswer } } }, async (req, reply) => {
    const result = await login(app.db, req.body.username, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) });
    reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: app.config.cookieSecure,
    });
    return { userId: result.userId, csrfToken: result.csrfToken, mustChangePassword: result.mustChangePassword, passwordExpiresAt: result.passwordExpiresAt };
  });

  app.post('/auth/logout', { config: { duringPasswordChange: true }, schema: { tags, summary: 'Sign out', response: { 204: noContent } } }, async (req, reply) => {
    if (req.sessionId) await logout(app.db, req.sessionId, req.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/auth/password', { config: { duringPasswordChange: true }, schema: { tags, summary: 'Change my password', body: changePasswordBody, response: { 204: noContent } } }, async (req, reply) => {
    if (req.actor.kind !== 'user') throw new AppError('common.forbidden', 403, { permission: 'session' });
    await changePassword(app.db, req.actor, req.body.currentPassword, req.body.newPassword, req.sessionId);
    return reply.status(204).send(null);
  });

  app.get('/me', { config: { duringPasswordChange: true }, schema: { tags, summary: 'Who am I: roles, permissions, data scope, CSRF token', response: { 200: meAnswer } } }, async (req): Promise<Me> => {
    if (req.actor.kind !== 'user') throw new AppError('common.forbidden', 403, { permission: 'session' });
    const u = await app.db.selectFrom('app_user')
      .innerJoin('institution as h', 'h.id', 'app_user.home_institution_id')
      .innerJoin('institution as m', 'm.id', 'app_user.managing_institution_id')
      .select(['app_user.id', 'app_user.username', 'app_user.display_name', 'app_user.must_change_password', 'app_user.password_changed_at',
        'h.id as hid', 'h.name as hname', 'm.id as mid', 'm.name as mname'])
      .where('app_user.id', '=', req.actor.id!).executeTakeFirstOrThrow();
    const roles = await app.db.selectFrom('user_role').innerJoin('role', 'role.id', 'user_role.role_id')
      .select(['role.id', 'role.code', 'role.name_zh as nameZh', 'role.name_en as nameEn']).where('user_role.user_id', '=', u.id).execute();
    const policy = await getSetting(app.db, 'security.policy');
    const changed = new Date(u.password_changed_at);
    return {
      id: u.id, username: u.username, displayName: u.display_name,
      homeInstitution: { id: u.hid, name: u.hname }, managingInstitution: { id: u.mid, name: u.mname },
      roles, permissions: [...req.actor.permissions].sort(), dataScope: req.actor.dataScope,
      mustChangePassword: u.must_change_password || passwordExpired(changed, policy),
      passwordExpiresAt: policy.maxAgeDays > 0 ? new Date(changed.getTime() + policy.maxAgeDays * 86_400_000).toISOString() : null,
      csrfToken: req.csrfToken!, idleMinutes: policy.idleMinutes,
      passwordPolicy: { minLength: policy.minLength, minClasses: policy.minClasses, historyCount: policy.historyCount, maxAgeDays: policy.maxAgeDays },
    };
  });

  app.get('/api-tokens', { config: { permission: 'apitoken.manage' }, schema: { tags: ['api-tokens'], summary: 'API tokens of systems in my charge' } },
    async (req) => listApiTokens(app.db, req.actor));
  app.post('/api-tokens', { config: { permission: 'apitoken.manage' }, schema: { tags: ['api-tokens'], summary: 'Issue a token (shown once)', body: createTokenBody } },
    async (req, reply) => reply.status(201).send(await createApiToken(app.db, req.actor, req.body)));
  app.post('/api-tokens/:id/revoke', { config: { permission: 'apitoken.manage' }, schema: { tags: ['api-tokens'], params: idParams } },
    async (req, reply) => { await revokeApiToken(app.db, req.actor, req.params.id); return reply.status(204).send(); });
};

export { CSRF_HEADER };
