// /api/responsibility: the maintenance responsibility table (REL-24) — list, summary, export —
// and its rules (head office's setting).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, XLSX } from '../../customers/import/import.routes.ts';
import { getSetting, putSetting } from '../../settings/settings.service.ts';
import { RESPONSIBILITY_LEVELS, responsibilityRulesSchema } from './responsibility.rules.ts';
import { exportResponsibility, listResponsibility, responsibilitySummary } from './responsibility.service.ts';

const tags = ['managers'];
const level = z.enum(RESPONSIBILITY_LEVELS);
const agreement = z.enum(['match', 'below', 'above', 'unassigned']);
const filters = { proposed: level.optional(), agreement: agreement.optional() };
const listQuery = z.strictObject({ ...filters, page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) });
const exportQuery = z.strictObject(filters);
const money = z.string().describe('yuan to the fen, as text');
const listed = z.object({
  rules: responsibilityRulesSchema.describe('the rules in force'),
  total: z.number().int(),
  items: z.array(z.object({
    customerId: z.number().int(), customerNo: z.string(), name: z.string(), kind: z.string(), institution: z.string().nullable(),
    deposits: money, depositMonthAvg: money, loans: money,
    proposed: level.describe("the level the customer's value calls for"),
    manager: z.object({ id: z.number().int(), name: z.string() }).nullable().describe('the primary manager in force today'),
    actual: level.nullable().describe('his level by his roles; null: nobody, temporary staff, or a role without one'),
    agreement,
  })),
});
const summary = z.object({
  rules: responsibilityRulesSchema,
  cells: z.array(z.object({ proposed: level, actual: level.nullable(), customers: z.number().int() })).describe('customers per proposed × actual level'),
});

export const responsibilityRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = { permission: ['report.read', 'performance.read', 'customer.assign'] };
  app.get('/responsibility', { config: read, schema: { tags, summary: 'The maintenance responsibility table (1对N维护责任表): customers in my charge, the level each calls for, who answers for it', querystring: listQuery, response: { 200: listed } } },
    async (req) => listResponsibility(app.db, req.actor, req.query));
  app.get('/responsibility/summary', { config: read, schema: { tags, summary: 'Customers in my charge per proposed × actual responsibility level', response: { 200: summary } } },
    async (req) => responsibilitySummary(app.db, req.actor));
  app.get('/responsibility/export', { config: read, schema: { tags, summary: 'The responsibility table as .xlsx (watermarked, audited)', produces: [XLSX], querystring: exportQuery } },
    async (req, reply) => {
      const r = await exportResponsibility(app.db, req.actor, req.query, req.lang);
      return sendXlsx(reply, r.fileName, r.content);
    });
  app.get('/settings/responsibility-rules', { config: { permission: ['setting.manage', 'report.read', 'customer.assign'] }, schema: { tags, summary: 'The thresholds that propose each customer\'s responsibility level', response: { 200: responsibilityRulesSchema } } },
    async () => getSetting(app.db, 'managers.responsibility_rules'));
  app.put('/settings/responsibility-rules', { config: { permission: 'setting.manage' }, schema: { tags, summary: 'Change the responsibility thresholds (audited)', body: z.unknown(), response: { 200: responsibilityRulesSchema } } },
    async (req) => app.db.transaction().execute((tx) => putSetting(tx, req.actor, 'managers.responsibility_rules', req.body)));
};
