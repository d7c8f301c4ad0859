import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dismissBody, duplicateIdParams, listDuplicatesQuery, mergeBody } from './merge.schema.ts';
import { dismissDuplicate, listDuplicates } from './merge.duplicates.ts';
import { mergeCustomers } from './merge.service.ts';
import { customerMerge } from './merge.workflow.ts';
import { submitRequest } from '../../approvals/approval.service.ts';
import { getSetting } from '../../settings/settings.service.ts';

const tags = ['customers'];

export const mergeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customer-duplicates', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Open likely-duplicate flags whose two customers are both in my charge', querystring: listDuplicatesQuery } },
    async (req) => listDuplicates(app.db, req.actor, req.query));

  app.post('/customer-duplicates/:id/dismiss', { config: { permission: 'customer.merge' }, schema: { tags, summary: 'Decide the two records are different customers', params: duplicateIdParams, body: dismissBody } },
    async (req) => dismissDuplicate(app.db, req.actor, req.params.id, req.body.reason));

  app.post('/customers/merge', { config: { permission: 'customer.merge' }, schema: { tags, summary: 'Merge two records of one customer into the survivor (all or nothing); 202 with the request when merges are under review (customers.information_review.merge, default on)', body: mergeBody } },
    async (req, reply) => {
      // Under review (the default): a request, answered 202; both records stay as they are until approved.
      if ((await getSetting(app.db, 'customers.information_review')).merge === 'on') {
        return reply.status(202).send(await submitRequest(app.db, req.actor, customerMerge, req.body));
      }
      return mergeCustomers(app.db, req.actor, req.body);
    });
};
