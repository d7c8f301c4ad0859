// Performance allocation and my performance (PERF-1, PERF-3).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allocationPayload } from './allocation.schema.ts';
import { allocationPeople, customerAllocation, myPerformance, submitAllocation } from './performance.service.ts';
import { singleLineText } from '../../../common/text.ts';

const tags = ['performance'];
const params = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const money = z.string().describe('yuan to the fen, as text');
const figures = z.object({ date: z.string(), customers: z.string().describe('customers counted, each by its share'), deposit_balance: money, deposit_month_avg: money,
  deposit_quarter_avg: money, deposit_year_avg: money, loan_balance: money });

export const performanceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/performance-allocations', { config: { permission: 'performance.allocate' }, schema: { tags, summary: "Apply to split a customer's performance among people by percentage (summing to 100) from a date; 202 with the request (approval type performance.allocation)", body: allocationPayload,
    response: { 202: z.object({ requestId: z.number().int(), status: z.literal('pending'), step: z.number().int(), stepCount: z.number().int(), role: z.string().nullable(), dueOn: z.string().nullable() }) } } },
    async (req, reply) => reply.status(202).send(await submitAllocation(app.db, req.actor, req.body)));
  app.get('/performance-allocations/people', { config: { permission: 'performance.allocate' }, schema: { tags, summary: 'People a split may name: active persons homed in my charge', querystring: z.strictObject({ q: singleLineText().max(40).optional() }),
    response: { 200: z.object({ items: z.array(z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), institution: z.string() })) }) } } },
  async (req) => allocationPeople(app.db, req.actor, req.query.q));
  app.get('/customers/:id/performance-allocation', { config: { permission: 'customer.read' }, schema: { tags, summary: "The customer's performance shares in force (his primary manager's 100 % without an allocation) and every allocation made", params,
    response: { 200: z.object({ asOf: z.string(), current: z.array(z.object({ userId: z.number().int(), name: z.string(), share: z.string() })),
      history: z.array(z.object({ id: z.number().int(), userId: z.number().int(), name: z.string(), share: z.string(), since: z.string(), endsOn: z.string().nullable(), requestId: z.number().int().nullable() })) }) } } },
  async (req) => customerAllocation(app.db, req.actor, req.params.id));
  app.get('/performance/me', { config: { permission: ['performance.read.own', 'performance.read'] }, schema: { tags, summary: 'My performance: allocated deposits, daily averages and loans on the latest day, the last 30 days, my rank in my institution',
    response: { 200: z.object({ asOf: z.string().nullable(), figures: figures.nullable(), rank: z.object({ rank: z.number().int(), of: z.number().int() }).nullable(), trend: z.array(figures) }) } } },
  async (req) => myPerformance(app.db, req.actor));
};
