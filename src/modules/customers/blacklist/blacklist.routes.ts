import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addBlacklistBody, blacklistIdParams, listBlacklistQuery, removeBlacklistBody } from './blacklist.schema.ts';
import { addBlacklistEntry, listBlacklist, removeBlacklistEntry } from './blacklist.service.ts';

import { submitRequest } from '../../approvals/approval.service.ts';
import { submittedRequest } from '../../approvals/approval.schema.ts';
import { getSetting } from '../../settings/settings.service.ts';
import { blacklistRemoval } from './blacklist-removal.workflow.ts';

const tags = ['blacklist'];

export const blacklistRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/blacklist', { config: { permission: 'customer.read' }, schema: { tags, summary: 'The bank-wide blacklist (identity numbers masked)', querystring: listBlacklistQuery } },
    async (req) => listBlacklist(app.db, req.query));

  app.post('/blacklist', { config: { permission: 'blacklist.manage' }, schema: { tags, summary: 'Put a customer in my charge on the internal or external list', body: addBlacklistBody } },
    async (req, reply) => reply.status(201).send(await addBlacklistEntry(app.db, req.actor, req.body)));

  app.post('/blacklist/:id/remove', { config: { permission: 'blacklist.manage' }, schema: { tags, summary: 'Lift an entry, with a reason (the entry is kept); 202 with the request when removals are reviewed (the default)', params: blacklistIdParams, body: removeBlacklistBody,
    response: { 200: z.object({ id: z.number().int(), customerId: z.number().int(), blacklisted: z.boolean().describe('the customer is still on a list') }), 202: submittedRequest } } },
    async (req, reply) => {
      // Under review (the default): a request, answered 202; the entry stays in force until approved.
      if ((await getSetting(app.db, 'customers.information_review')).blacklistRemoval === 'on') {
        return reply.status(202).send(await submitRequest(app.db, req.actor, blacklistRemoval, { entryId: req.params.id, reason: req.body.reason }));
      }
      return removeBlacklistEntry(app.db, req.actor, req.params.id, req.body.reason);
    });
};
