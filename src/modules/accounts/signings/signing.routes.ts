// ACC-6 signing registry and closure check. Reading follows customer.read and the data scope;
// registering and terminating need signing.manage.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { customerIdParams } from '../../customers/customer.schema.ts';
import { getSetting, putSetting } from '../../settings/settings.service.ts';
import { listProducts } from '../products/product.service.ts';
import { closureCheck } from './signing.closure.ts';
import { accountIdParams, closureRulesSchema, customerSigningParams, listSigningsQuery, registerSigningBody, signingProductsQuery, terminateSigningBody } from './signing.schema.ts';
import { listCustomerSignings, registerSigning, terminateSigning } from './signing.service.ts';

const tags = ['signings'];

export const signingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/signings', { config: { permission: 'customer.read' }, schema: { tags, summary: "A customer's signings: counts per kind and the list (numbers masked without customer.sensitive.read)", params: customerIdParams, querystring: listSigningsQuery } },
    async (req) => listCustomerSignings(app.db, req.actor, req.params.id, req.query.status));

  app.post('/customers/:id/signings', { config: { permission: 'signing.manage' }, schema: { tags, summary: 'Register a signing; 409 names the active signing it would duplicate', params: customerIdParams, body: registerSigningBody } },
    async (req, reply) => reply.status(201).send(await registerSigning(app.db, req.actor, req.params.id, req.body)));

  app.post('/customers/:id/signings/:signingId/terminate', { config: { permission: 'signing.manage' }, schema: { tags, summary: 'Terminate a signing, with the reason (kept, never deleted)', params: customerSigningParams, body: terminateSigningBody } },
    async (req) => terminateSigning(app.db, req.actor, req.params.id, req.params.signingId, req.body));

  // The register form's product picker: the registering clerk need not hold product.read for the whole catalogue screen.
  app.get('/signings/products', { config: { permission: 'signing.manage' }, schema: { tags, summary: 'Active products a signing can be registered on', querystring: signingProductsQuery } },
    async (req) => listProducts(app.db, { q: req.query.q, status: 'active', page: 1, pageSize: 200 }));

  app.get('/accounts/:id/closure-check', { config: { permission: 'customer.read' }, schema: { tags, summary: "Whether the account's active signings allow, warn about or block closing it", params: accountIdParams } },
    async (req) => closureCheck(app.db, req.actor, req.params.id));

  app.get('/settings/closure-rules', { config: { permission: 'setting.manage' }, schema: { tags: ['settings'], summary: 'What an active signing of each kind does to closing its account' } },
    async () => getSetting(app.db, 'accounts.closure_rules'));
  app.put('/settings/closure-rules', { config: { permission: 'setting.manage' }, schema: { tags: ['settings'], summary: 'Change the closure rules', body: closureRulesSchema } },
    async (req) => app.db.transaction().execute((tx) => putSetting(tx, req.actor, 'accounts.closure_rules', req.body)));
};
