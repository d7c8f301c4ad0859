// ACC-3 a customer's month-, quarter- and year-to-date daily averages, for the customer view.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { customerAccountsParams } from '../account.schema.ts';
import { customerAverages } from './daily-average.service.ts';

const averagesQuery = z.strictObject({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() });

export const dailyAverageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/averages', { config: { permission: 'customer.read' }, schema: { tags: ['accounts'],
    summary: "A customer's daily averages (日均) to date, per account and per category (deposit, loan, wealth, card) and currency", params: customerAccountsParams, querystring: averagesQuery } },
    async (req) => customerAverages(app.db, req.actor, req.params.id, req.query.asOf));
};
