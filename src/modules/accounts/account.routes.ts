// Accounts are read-only in the CRM (core-owned, written by the daily feed); these feed the customer
// view's accounts tab and the lookup by account number.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountLookup, accountLookupQuery, customerAccounts, customerAccountsParams } from './account.schema.ts';
import { findByAccountNo, listCustomerAccounts } from './account.service.ts';

const tags = ['accounts'];

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/accounts', { config: { permission: 'customer.read' }, schema: { tags, summary: "A customer's accounts and loan contracts (numbers masked without customer.sensitive.read)", params: customerAccountsParams, response: { 200: customerAccounts } } },
    async (req) => listCustomerAccounts(app.db, req.actor, req.params.id));

  app.get('/accounts', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Find the customer in my charge who holds an account number', querystring: accountLookupQuery, response: { 200: accountLookup } } },
    async (req) => findByAccountNo(app.db, req.actor, req.query.accountNo));
};
