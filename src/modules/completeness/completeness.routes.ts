import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendXlsx, XLSX } from '../customers/import/import.routes.ts';
import { customerIdParams, overdueExportQuery, overdueQuery, rulesBody } from './completeness.schema.ts';
import { customerCompleteness, exportOverdue, listOverdue, listRules, updateRules } from './completeness.service.ts';

const tags = ['completeness'];

export const completenessRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/completeness', { config: { permission: 'customer.read' }, schema: { tags, summary: "The customer's information completeness by its tier: percentage, missing items, new-customer deadline", params: customerIdParams } },
    async (req) => customerCompleteness(app.db, req.actor, req.params.id));

  app.get('/completeness/overdue', { config: { permission: 'customer.read' }, schema: { tags, summary: 'New customers still owing a manager, information or scale attribute three working days after opening', querystring: overdueQuery } },
    async (req) => listOverdue(app.db, req.actor, req.query));

  app.get('/completeness/overdue/export', { config: { permission: 'customer.read' }, schema: { tags, summary: 'The overdue completeness list as .xlsx (audited)', produces: [XLSX], querystring: overdueExportQuery } },
    async (req, reply) => sendXlsx(reply, req.lang === 'zh-CN' ? '信息完整性逾期清单.xlsx' : 'completeness-overdue.xlsx', await exportOverdue(app.db, req.actor, req.query, req.lang)));

  app.get('/completeness/rules', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Which information items each tier requires' } },
    async () => listRules(app.db));

  app.put('/completeness/rules', { config: { permission: 'completeness.rules.manage' }, schema: { tags, summary: 'Set which items tiers require (head office; audited)', body: rulesBody } },
    async (req) => updateRules(app.db, req.actor, req.body.rules));
};
