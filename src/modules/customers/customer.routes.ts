import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conflict, notFound } from '../../common/http/errors.ts';
import { parseBody } from '../../common/http/parse-body.ts';
import { loadCustomer } from './customer.queries.ts';
import { createCustomerBody, customerIdParams, customerListPage, historyQuery, reasonBody, revealBody, searchQuery, updateCorporateBody, updatePersonalBody } from './customer.schema.ts';
import { createCustomer, reactivateCustomer } from './customer.service.ts';
import { enterCustomerChange } from './information-review/information-review.service.ts';
import { listCustomers } from './list/customer-list.ts';
import { submitRequest } from '../approvals/approval.service.ts';
import { submittedRequest } from '../approvals/approval.schema.ts';
import { customerDeletion } from './deletion/customer-deletion.workflow.ts';
import { submitCustomerOpening } from './opening/opening-review.workflow.ts';
import { listPendingOpenings } from './opening/pending-openings.ts';
import { openingReviewed } from './information-review/review-settings.ts';
import { getSetting } from '../settings/settings.service.ts';
import { getCustomerAuditTrail, getCustomerHistory, getCustomerView, revealField } from './customer-view.ts';
import { customerView } from './customer-view.schema.ts';

const tags = ['customers'];

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers', { config: { permission: 'customer.read' }, schema: { tags, summary: 'The customers in my charge a search selects (number, name, pinyin initials, ID, credit code, mobile, account), sorted, one keyset page at a time', querystring: searchQuery, response: { 200: customerListPage } } },
    async (req) => listCustomers(app.db, req.actor, req.query));

  app.post('/customers', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Open a personal or corporate customer (existence check by document); 202 with the request when the opening is under review (customers.information_review.opening, by default corporate openings)', body: createCustomerBody } },
    async (req, reply) => {
      // Under review: a request; no customer (and no number) exists until the checker approves it.
      if (openingReviewed((await getSetting(app.db, 'customers.information_review')).opening, req.body.kind)) {
        return reply.status(202).send(await submitCustomerOpening(app.db, req.actor, req.body));
      }
      return reply.status(201).send(await createCustomer(app.db, req.actor, req.body));
    });

  app.get('/customer-openings', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Openings under review (pending or returned) that I may see: not customers until approved' } },
    async (req) => listPendingOpenings(app.db, req.actor));

  app.get('/customers/:id', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Single customer view (identifiers masked)', params: customerIdParams, response: { 200: customerView } } },
    async (req) => getCustomerView(app.db, req.actor, req.params.id));

  app.patch('/customers/:id', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Change fields (personal or corporate field set, by the stored kind); every change kept in history. 202 with the request when the change needs review (customers.information_review)', params: customerIdParams } },
    async (req, reply) => {
      const current = await loadCustomer(app.db, req.actor, req.params.id);
      if (!current) throw notFound('customer');
      const body = parseBody(current.kind === 'personal' ? updatePersonalBody : updateCorporateBody, req.body);
      if (current.version !== body.version) throw conflict();
      // CIF-40: a change the settings put under review is a request (202, like a deletion); the
      // customer keeps his values until 信息复核岗 approves it. Anything else applies at once.
      const entry = await enterCustomerChange(app.db, req.actor, req.params.id, body);
      return entry.review ? reply.status(202).send(entry.result) : entry.result;
    });

  // Issue 12 item 2: a deletion is a request under review (approval type 'customer.delete'); the
  // customer is marked deleted when its last step approves. 202: accepted, not yet done.
  app.delete('/customers/:id', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Request the logical delete of a customer, with a reason; it takes effect when reviewed (the number is never reused)', params: customerIdParams, body: reasonBody, response: { 202: submittedRequest } } },
    async (req, reply) => reply.status(202).send(await submitRequest(app.db, req.actor, customerDeletion, { customerId: req.params.id, reason: req.body.reason })));

  app.post('/customers/:id/reactivate', { config: { permission: 'customer.manage' }, schema: { tags, params: customerIdParams, body: reasonBody } },
    async (req) => reactivateCustomer(app.db, req.actor, req.params.id, req.body.reason));

  app.post('/customers/:id/reveal', { config: { permission: 'customer.sensitive.read' }, schema: { tags, summary: 'Show one masked field in full (audited)', params: customerIdParams, body: revealBody } },
    async (req) => revealField(app.db, req.actor, req.params.id, req.body.field));

  app.get('/customers/:id/history', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Field-level change history, newest first', params: customerIdParams, querystring: historyQuery } },
    async (req) => getCustomerHistory(app.db, req.actor, req.params.id, req.query.page, req.query.pageSize));

  app.get('/customers/:id/audit', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Who did what to this customer (changes, reveals, merges), newest first', params: customerIdParams, querystring: historyQuery } },
    async (req) => getCustomerAuditTrail(app.db, req.actor, req.params.id, req.query.page, req.query.pageSize));
};
