// ACC-3 a customer's daily balance trend per category and currency, for the customer view's chart.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { customerAccountsParams } from '../account.schema.ts';
import { balanceTrend } from './balance-trend.service.ts';

const isoDate = z.iso.date('common.date_format');
const trendQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

export const balanceTrendRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/balance-trend', { config: { permission: 'customer.read' }, schema: { tags: ['accounts'],
    summary: "A customer's end-of-day balances per day, category and currency (at most 366 days; default: 90 days to the latest loaded day)",
    params: customerAccountsParams, querystring: trendQuery } },
    async (req) => balanceTrend(app.db, req.actor, req.params.id, req.query));
};
