// The gate every /api request passes: who is calling (session cookie or API token), is the
// request forged (CSRF), must the user first change the password, and may the caller use this
// route at all (permission). Handlers run only after all four.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveApiToken } from './api-token.service.ts';
import { resolveSession } from './session.service.ts';
import { AppError } from '../../common/http/errors.ts';

export const SESSION_COOKIE = 'crm_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const clientOf = (req: FastifyRequest) => ({
  ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id),
});

export function registerAuthentication(app: FastifyInstance) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    // Decide by the route that matched, not the raw URL: the router decodes '/%61pi/users' to
    // '/api/users', which the raw URL would have let through unauthenticated. No match = 404.
    const route = req.routeOptions.url;
    // The API's own pages (Swagger UI) are public like the OpenAPI document they show.
    if (!route?.startsWith('/api/') || route.startsWith('/api/docs')) return;
    const cfg = req.routeOptions.config ?? {};
    if (cfg.public) return;

    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      const actor = await resolveApiToken(app.db, bearer, clientOf(req));
      if (!actor) throw new AppError('common.unauthenticated', 401);
      req.actor = actor;
    } else {
      const token = req.cookies[SESSION_COOKIE];
      const session = token ? await resolveSession(app.db, token, clientOf(req)) : null;
      if (!session) {
        if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw new AppError(token ? 'auth.session.expired' : 'common.unauthenticated', 401);
      }
      // Double-submit defence on top of SameSite=Strict: the token is readable only by our own
      // pages (it comes in the /api/me body), never sent automatically by the browser.
      if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== session.csrfToken) {
        throw new AppError('common.csrf', 403);
      }
      if (session.mustChangePassword && !cfg.duringPasswordChange) throw new AppError('auth.password.must_change', 403);
      req.actor = session.actor;
      req.sessionId = session.sessionId;
      req.csrfToken = session.csrfToken;
    }

    const needed = cfg.permission;
    if (needed) {
      const any = Array.isArray(needed) ? needed : [needed];
      if (!any.some((p) => req.actor.permissions.has(p))) throw new AppError('common.forbidden', 403, { permission: any.join(' / ') });
    }
  });
}
