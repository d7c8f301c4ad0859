// ACC-3 an institution's daily averages (机构日均), with its subtree, for heads and reports.
import { z } from 'zod';
import { idParams } from '../../../common/id.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { institutionAverages } from './institution-average.service.ts';

const query = z.strictObject({ asOf: z.iso.date().optional() });

export const institutionAverageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/institutions/:id/averages', { config: { permission: ['report.read', 'performance.read'] }, schema: { tags: ['accounts'],
    summary: "An institution's (and its subtree's) balances and month/quarter/year-to-date daily averages per category and currency, as of a loaded business date",
    params: idParams, querystring: query } }, async (req) => institutionAverages(app.db, req.actor, req.params.id, req.query.asOf));
};
