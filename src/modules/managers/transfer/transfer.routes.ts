// POST /api/customer-transfers: apply for a transfer of primary rights (approval type
// 'customer.transfer'); 202 with the request. Deciding it is the approval engine's routes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { singleLineText } from '../../../common/text.ts';
import { transferBody } from './transfer.schema.ts';
import { submitTransfer, transferManagers } from './transfer.service.ts';

const tags = ['managers'];
const managersQuery = z.strictObject({ side: z.enum(['from', 'to']), q: singleLineText().max(40).optional() });

export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/customer-transfers', { config: { permission: 'customer.transfer.apply' }, schema: { tags, summary: 'Apply to transfer the primary rights of customers (one, a selection, or every customer of a departing manager) to another manager from a date; 202 with the request (approval type customer.transfer)', body: transferBody } },
    async (req, reply) => reply.status(202).send(await submitTransfer(app.db, req.actor, req.body)));

  app.get('/customer-transfers/managers', { config: { permission: 'customer.transfer.apply' }, schema: { tags, summary: 'Managers a transfer form offers: receiving (active, bank-wide) or transferring (in my charge, departed included, with their primary customer counts)', querystring: managersQuery } },
    async (req) => transferManagers(app.db, req.actor, req.query.side, req.query.q));
};
