// Builds the Fastify application: plumbing (ids, cookies, validation, problem+json, OpenAPI),
// the authentication gate, every domain's routes under /api, and the built web app at /.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { openApiTransform } from '../common/http/openapi.ts';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Config } from './config.ts';
import '../common/http/http-types.ts';
import { pickLang } from '../common/i18n/i18n.ts';
import { AppError } from '../common/http/errors.ts';
import { sendProblem, toProblem } from '../common/http/problem.ts';
import { refuseHostileInput } from './request-hygiene.ts';
import { registerAuthentication } from '../modules/auth/authenticate.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { institutionRoutes } from '../modules/org/institution.routes.ts';
import { userRoutes } from '../modules/org/user.routes.ts';
import { roleRoutes } from '../modules/org/role.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { codeTableRoutes } from '../modules/codes/code-table.routes.ts';
import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { settingsRoutes } from '../modules/settings/settings.routes.ts';
import { customerRoutes } from '../modules/customers/customer.routes.ts';
import { informationReviewRoutes } from '../modules/customers/information-review/information-review.routes.ts';
import { scaleRoutes } from '../modules/customers/scale/scale.routes.ts';
import { networkRoutes } from '../modules/network/network.routes.ts';
import fastifyMultipart from '@fastify/multipart';
import { customerImportRoutes } from '../modules/customers/import/import.routes.ts';
import { customerExportRoutes } from '../modules/customers/export/export.routes.ts';
import { savedFilterRoutes } from '../modules/customers/saved-filters/saved-filter.routes.ts';
import { customerIndustryRoutes } from '../modules/customers/industry/industry.routes.ts';
import { certificateRoutes } from '../modules/customers/certificates/certificate.routes.ts';
import { todoRoutes } from '../modules/todos/todo.routes.ts';
import { jobRoutes } from './jobs.ts';
import { addressRoutes } from '../modules/customers/address/address.routes.ts';
import { blacklistRoutes } from '../modules/customers/blacklist/blacklist.routes.ts';
import { mergeRoutes } from '../modules/customers/merge/merge.routes.ts';
import { assignmentRoutes } from '../modules/managers/assignment.routes.ts';
import { transferRoutes } from '../modules/managers/transfer/transfer.routes.ts';
import { teamRoutes } from '../modules/managers/team/team.routes.ts';
import { responsibilityRoutes } from '../modules/managers/responsibility/responsibility.routes.ts';
import { levelRoutes } from '../modules/network/level/level.routes.ts';
import { performanceRoutes } from '../modules/managers/performance/performance.routes.ts';
import { riskAssessmentRoutes } from '../modules/customers/risk-assessment/risk-assessment.routes.ts';
import { creditInfoRoutes } from '../modules/customers/credit-info/credit-info.routes.ts';
import { productRoutes } from '../modules/accounts/products/product.routes.ts';
import { accountRoutes } from '../modules/accounts/account.routes.ts';
import { dailyAverageRoutes } from '../modules/accounts/balances/daily-average.routes.ts';
import { feedRoutes } from '../modules/feed/feed.routes.ts';
import { institutionAverageRoutes } from '../modules/accounts/balances/institution-average.routes.ts';
import { signingRoutes } from '../modules/accounts/signings/signing.routes.ts';
import { channelLimitRoutes } from '../modules/accounts/channel-limits/channel-limit.routes.ts';
import { accountAlertRoutes } from '../modules/accounts/alerts/alert.routes.ts';
import { warningRoutes } from '../modules/warnings/warning.routes.ts';
import { bookRoutes } from '../modules/accounts/book/book.routes.ts';
import { balanceTrendRoutes } from '../modules/accounts/balances/balance-trend.routes.ts';
import { approvalRoutes } from '../modules/approvals/approval.routes.ts';
import { documentRoutes } from '../modules/documents/document.routes.ts';
import { notificationRoutes } from '../modules/notifications/notification.routes.ts';
import './workflow-types.ts';
import { imageRoutes } from '../modules/images/image.routes.ts';
import { createImageStore } from '../modules/images/image-store.ts';
import { completenessRoutes } from '../modules/completeness/completeness.routes.ts';

const healthAnswer = z.object({
  status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']),
  databaseLatencyMs: z.number().int().optional(), uptimeSeconds: z.number().int(),
});

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export async function buildApp(db: Database, config: Config, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'] },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Kept in the parsed body so that refuseHostileInput names the key (Fastify's own refusal names nothing).
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    // What the router refuses before any hook (an overlong path segment: 414; a malformed URL)
    // is a problem+json like every other refusal (found by the contract fuzzer, docs/api.md).
    frameworkErrors: (err, req, reply) => {
      req.lang = pickLang((req.headers['x-crm-lang'] as string | undefined) ?? req.headers['accept-language']);
      reply.header('x-request-id', req.id);
      return sendProblem(reply, toProblem(err, req));
    },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // A route's response schema documents its answer (the OpenAPI document) and the contract fuzzer
  // checks answers against it; it does not reshape them: zod's serializer would drop any field
  // the schema does not name and turn any mismatch into a 500, so a screen could lose a field it
  // shows, or a correct answer its user. Answers are JSON as Fastify writes them without a schema.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('imageStore', config.images ? createImageStore(config.images) : undefined);
  app.decorateRequest('lang', 'zh-CN');
  app.addHook('onRequest', async (req, reply) => {
    req.lang = pickLang((req.headers['x-crm-lang'] as string | undefined) ?? req.headers['accept-language']);
    reply.header('x-request-id', req.id);
  });
  // Hidden characters and prototype keys in any field, before any route schema (request-hygiene.ts).
  app.addHook('preValidation', refuseHostileInput);
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(fastifyCookie);
  // Uploads (imports): size limits are set per route; one file per request.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10, parts: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Bank CRM API', description: '银行客户关系管理系统 REST API. Errors are RFC 9457 problem+json.', version: '0.1.0' },
      components: { securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'crm_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      } },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: openApiTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err, req);
    if (p.status >= 500) req.log.error({ err }, 'request failed');
    // A refusal that says when to come back says it in the standard header too.
    if (err instanceof AppError && typeof err.params.retryAfter === 'number') reply.header('retry-after', String(err.params.retryAfter));
    return sendProblem(reply, p);
  });

  registerAuthentication(app);

  await app.register(async (api) => {
    api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
    api.get('/health', { config: { public: true }, schema: { tags: ['platform'], summary: 'Process and database health', response: { 200: healthAnswer, 503: healthAnswer } } }, async (_req, reply) => {
      const started = Date.now();
      try {
        await sql`select 1`.execute(db);
        return { status: 'ok', database: 'ok', databaseLatencyMs: Date.now() - started, uptimeSeconds: Math.round(process.uptime()) };
      } catch {
        return reply.status(503).send({ status: 'degraded', database: 'unreachable', uptimeSeconds: Math.round(process.uptime()) });
      }
    });
    await api.register(authRoutes);
    await api.register(institutionRoutes);
    await api.register(userRoutes);
    await api.register(roleRoutes);
    await api.register(auditRoutes);
    await api.register(codeTableRoutes);
    await api.register(calendarRoutes);
    await api.register(settingsRoutes);
    await api.register(customerRoutes);
    await api.register(customerImportRoutes);
    await api.register(customerExportRoutes);
    await api.register(savedFilterRoutes);
    await api.register(customerIndustryRoutes);
    await api.register(certificateRoutes);
    await api.register(todoRoutes);
    await api.register(jobRoutes);
    await api.register(mergeRoutes);
    await api.register(assignmentRoutes);
    await api.register(teamRoutes);
    await api.register(responsibilityRoutes);
    await api.register(levelRoutes);
    await api.register(performanceRoutes);
    await api.register(transferRoutes);
    await api.register(blacklistRoutes);
    await api.register(addressRoutes);
    await api.register(riskAssessmentRoutes);
    await api.register(creditInfoRoutes);
    await api.register(productRoutes); await api.register(accountRoutes); await api.register(dailyAverageRoutes);
    await api.register(accountAlertRoutes);
    await api.register(warningRoutes);
    await api.register(bookRoutes);
    await api.register(balanceTrendRoutes);
    await api.register(signingRoutes); await api.register(channelLimitRoutes);
    await api.register(feedRoutes);
    await api.register(institutionAverageRoutes);
    await api.register(approvalRoutes);
    await api.register(documentRoutes);
    await api.register(imageRoutes); await api.register(completenessRoutes);
    await api.register(informationReviewRoutes);
    await api.register(scaleRoutes);
    await api.register(networkRoutes);
    await api.register(notificationRoutes);
  }, { prefix: '/api' });

  const hasWeb = existsSync(WEB_DIST + 'index.html');
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || req.method !== 'GET') {
      return sendProblem(reply, toProblem(new AppError('common.route_not_found', 404), req));
    }
    // Client-side routes of the single-page app all load index.html.
    return reply.sendFile('index.html');
  });
  return app;
}

