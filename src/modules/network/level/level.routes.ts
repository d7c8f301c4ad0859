// The relationship level (REL-10, REL-11): a customer's level with its reasons, the distribution by
// institution, the customers whose level moved, and head office's weights and thresholds.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getSetting, putSetting } from '../../settings/settings.service.ts';
import { INDICATORS, levelRulesSchema } from './level.rules.ts';
import { customerRelationshipLevel, levelDistribution, levelMoves } from './level.service.ts';

const tags = ['relationships'];
const id = z.number().int();
const level = id.min(1).max(5);
const params = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const movesQuery = z.strictObject({
  date: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const history = z.array(z.object({ businessDate: z.string(), levelFrom: level.nullable(), levelTo: level, score: z.string() }));
const customerLevel = z.object({
  asOf: z.string().nullable().describe('the latest business date loaded'),
  level: level.nullable().describe('1 离散 … 5 战略合作伙伴; null before the first feed'),
  score: z.string().nullable().describe('0–100'),
  indicators: z.array(z.object({ indicator: z.enum(INDICATORS), value: z.union([z.number(), z.string(), z.boolean()]), weight: z.number(), contribution: z.string() })),
  history, rules: levelRulesSchema,
});

export const levelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/relationship-level', { config: { permission: 'customer.read' }, schema: { tags, summary: "The customer's relationship level (客户关系形态) with each indicator's contribution, and its history", params, response: { 200: customerLevel } } },
    async (req) => customerRelationshipLevel(app.db, req.actor, req.params.id));
  app.get('/relationship-levels/distribution', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Customers in my charge per relationship level, by managing institution',
    response: { 200: z.object({ items: z.array(z.object({ institutionId: id, institution: z.string(), level, customers: id })) }) } } },
  async (req) => levelDistribution(app.db, req.actor));
  app.get('/relationship-levels/moves', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Customers in my charge whose relationship level changed on a day (default: the latest computed)', querystring: movesQuery,
    response: { 200: z.object({ date: z.string().nullable(), total: id, items: z.array(z.object({ customerId: id, customerNo: z.string(), name: z.string(), levelFrom: level.nullable(), levelTo: level, score: z.string() })) }) } } },
  async (req) => levelMoves(app.db, req.actor, req.query));
  app.get('/settings/relationship-levels', { config: { permission: ['customer.read', 'setting.manage'] }, schema: { tags, summary: 'The weights and thresholds of the relationship level', response: { 200: levelRulesSchema } } },
    async () => getSetting(app.db, 'network.relationship_levels'));
  app.put('/settings/relationship-levels', { config: { permission: 'setting.manage' }, schema: { tags, summary: 'Change the weights and thresholds (audited; applies from the next computation)', body: z.unknown(), response: { 200: levelRulesSchema } } },
    async (req) => app.db.transaction().execute((tx) => putSetting(tx, req.actor, 'network.relationship_levels', req.body)));
};
