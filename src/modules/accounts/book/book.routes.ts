// The workbench's book figures (issue 12, item 5): totals with changes and trend, and a head's breakdown.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bookBreakdown, bookQuery, bookSummary } from './book.schema.ts';
import { bookBreakdown as breakdown, bookSummary as summary } from './book.service.ts';

const tags = ['workbench'];

export const bookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workbench/book', { config: { permission: ['customer.read', 'report.read', 'performance.read'] }, schema: { tags, querystring: bookQuery,
    summary: "My customers' (manager) or my institution's (head) deposits, loans, wealth and AUM with the change since yesterday and month start, and their 90-day trend",
    response: { 200: bookSummary } } },
  async (req) => summary(app.db, req.actor, req.query.currency));

  app.get('/workbench/book/breakdown', { config: { permission: ['report.read', 'performance.read'] }, schema: { tags, querystring: bookQuery,
    summary: "A head's institution by the institutions directly below it (sub-branches) and by marketing team, with the change since month start",
    response: { 200: bookBreakdown } } },
  async (req) => breakdown(app.db, req.actor, req.query.currency));
};
