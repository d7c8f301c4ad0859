import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { singleLineText } from '../../common/text.ts';
import { searchAudit, verifyAuditChain } from './audit.service.ts';

const tags = ['audit'];
export const auditQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: singleLineText().max(60).optional(),
  action: singleLineText().max(64).optional(),
  entityType: singleLineText().max(40).optional(),
  entityId: singleLineText().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/audit', { config: { permission: 'audit.read' }, schema: { tags, summary: 'Search the audit log', querystring: auditQuery } },
    async (req) => searchAudit(app.db, req.actor, req.query));
  app.get('/audit/verify', { config: { permission: 'audit.read' }, schema: { tags, summary: 'Verify the hash chain; reports the first broken row' } },
    async () => verifyAuditChain(app.db));
};
