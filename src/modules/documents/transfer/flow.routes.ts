import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DEFAULT_CERTIFICATES, accountLookupQuery, entryBody, flowBody, flowDetail, flowListQuery, flowMove, flowPage, flowParams } from './flow.schema.ts';
import { acceptFlow, cancelFlow, createFlow, getFlow, listFlows, lookupAccount, submitFlow, updateFlow } from './flow.service.ts';
import { submitEntry } from './entry.service.ts';

const tags = ['documents'];
// Reading: anyone who takes part in the flow's life (data scope decides which flows, in SQL).
const read = { permission: ['document.submit', 'document.process', 'archive.manage', 'customer.review'] };
const send = { permission: 'document.submit' };
const process = { permission: 'document.process' };

export const flowRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/documents/certificate-defaults', { config: read, schema: { tags, summary: 'The default certificate rows of a new flow (seed 001 §3.2.7)' } },
    async () => ({ items: DEFAULT_CERTIFICATES.map((certKind) => ({ certKind, pages: 1, copies: 1 })) }));

  app.get('/documents/account-lookup', { config: send, schema: { tags, summary: 'The account name (户名) for an account number in my scope', querystring: accountLookupQuery } },
    async (req) => lookupAccount(app.db, req.actor, req.query.accountNo));

  app.get('/documents/flows', { config: read, schema: { tags, summary: 'Document-transfer flows my institutions sent or whose centre is in my charge', querystring: flowListQuery, response: { 200: flowPage } } },
    async (req) => listFlows(app.db, req.actor, req.query));

  app.post('/documents/flows', { config: send, schema: { tags, summary: 'Open a flow: its number is generated; account and certificate rows (draft)', body: flowBody, response: { 201: flowMove } } },
    async (req, reply) => reply.code(201).send(await createFlow(app.db, req.actor, req.body)));

  app.get('/documents/flows/:id', { config: read, schema: { tags, summary: 'One flow with its certificate rows, review and storage position', params: flowParams, response: { 200: flowDetail } } },
    async (req) => getFlow(app.db, req.actor, req.params.id));

  app.put('/documents/flows/:id', { config: send, schema: { tags, summary: 'Change a draft flow (account, certificate rows)', params: flowParams, body: flowBody, response: { 200: flowMove } } },
    async (req) => updateFlow(app.db, req.actor, req.params.id, req.body));

  app.post('/documents/flows/:id/submit', { config: send, schema: { tags, summary: 'Confirm a draft: submitted, the centre gets a document-receipt to-do', params: flowParams, response: { 200: flowMove } } },
    async (req) => submitFlow(app.db, req.actor, req.params.id));

  app.post('/documents/flows/:id/cancel', { config: send, schema: { tags, summary: 'Cancel a draft (its number stays used)', params: flowParams, response: { 200: flowMove } } },
    async (req) => cancelFlow(app.db, req.actor, req.params.id));

  app.post('/documents/flows/:id/accept', { config: process, schema: { tags, summary: 'The centre accepts the documents (first clerk wins); raises the information-entry to-do', params: flowParams, response: { 200: flowMove } } },
    async (req) => acceptFlow(app.db, req.actor, req.params.id));

  app.post('/documents/flows/:id/entry', { config: process, schema: { tags, summary: 'Customer information entry complete: the keyed change and the flow go to review (approval type document.entry_review); 202', params: flowParams, body: entryBody } },
    async (req, reply) => reply.code(202).send(await submitEntry(app.db, req.actor, req.params.id, req.body.patch)));
};
