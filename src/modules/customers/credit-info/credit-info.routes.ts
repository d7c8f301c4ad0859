// CIF-28 routes: a corporate credit customer's statements, non-financial notes, investments and
// accounts at other banks. Reading needs customer.read, changing customer.manage, revealing an
// account number customer.sensitive.read; every one within the caller's data scope.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { customerIdParams } from '../customer.schema.ts';
import { createBankAccount, deleteBankAccount, listBankAccounts, revealBankAccount, updateBankAccount } from './credit-info.banks.ts';
import { createStatement, deleteStatement, listStatements, updateStatement } from './credit-info.financials.ts';
import { createInvestment, deleteInvestment, listInvestments, updateInvestment } from './credit-info.investments.ts';
import { createNonFinancial, deleteNonFinancial, getNonFinancial, updateNonFinancial } from './credit-info.non-financial.ts';
import {
  createBankBody, createInvestmentBody, createNonFinancialBody, createStatementBody, itemParams,
  updateBankBody, updateInvestmentBody, updateNonFinancialBody, updateStatementBody,
} from './credit-info.schema.ts';

const tags = ['customers'];
const read = { permission: 'customer.read' };
const manage = { permission: 'customer.manage' };

export const creditInfoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/financials', { config: read, schema: { tags, summary: 'Financial statements, newest period first, with derived ratios', params: customerIdParams } },
    async (req) => listStatements(app.db, req.actor, req.params.id));
  app.post('/customers/:id/financials', { config: manage, schema: { tags, summary: 'Enter one period\'s statement (must balance within 1 yuan)', params: customerIdParams, body: createStatementBody } },
    async (req, reply) => reply.status(201).send(await createStatement(app.db, req.actor, req.params.id, req.body)));
  app.patch('/customers/:id/financials/:itemId', { config: manage, schema: { tags, summary: 'Correct a statement', params: itemParams, body: updateStatementBody } },
    async (req) => updateStatement(app.db, req.actor, req.params.id, req.params.itemId, req.body));
  app.delete('/customers/:id/financials/:itemId', { config: manage, schema: { tags, summary: 'Remove a statement (kept, marked deleted)', params: itemParams } },
    async (req) => deleteStatement(app.db, req.actor, req.params.id, req.params.itemId));

  app.get('/customers/:id/non-financial', { config: read, schema: { tags, summary: 'Current non-financial notes and their history', params: customerIdParams } },
    async (req) => getNonFinancial(app.db, req.actor, req.params.id));
  app.post('/customers/:id/non-financial', { config: manage, schema: { tags, summary: 'Write the first non-financial notes', params: customerIdParams, body: createNonFinancialBody } },
    async (req, reply) => reply.status(201).send(await createNonFinancial(app.db, req.actor, req.params.id, req.body)));
  app.patch('/customers/:id/non-financial', { config: manage, schema: { tags, summary: 'Change notes (history kept)', params: customerIdParams, body: updateNonFinancialBody } },
    async (req) => updateNonFinancial(app.db, req.actor, req.params.id, req.body));
  app.delete('/customers/:id/non-financial', { config: manage, schema: { tags, summary: 'Clear the notes (text kept in the history)', params: customerIdParams } },
    async (req) => deleteNonFinancial(app.db, req.actor, req.params.id));

  app.get('/customers/:id/investments', { config: read, schema: { tags, summary: 'Outside investments, largest share first', params: customerIdParams } },
    async (req) => listInvestments(app.db, req.actor, req.params.id));
  app.post('/customers/:id/investments', { config: manage, schema: { tags, summary: 'Record an investment', params: customerIdParams, body: createInvestmentBody } },
    async (req, reply) => reply.status(201).send(await createInvestment(app.db, req.actor, req.params.id, req.body)));
  app.patch('/customers/:id/investments/:itemId', { config: manage, schema: { tags, summary: 'Change an investment', params: itemParams, body: updateInvestmentBody } },
    async (req) => updateInvestment(app.db, req.actor, req.params.id, req.params.itemId, req.body));
  app.delete('/customers/:id/investments/:itemId', { config: manage, schema: { tags, summary: 'Remove an investment (kept, marked deleted)', params: itemParams } },
    async (req) => deleteInvestment(app.db, req.actor, req.params.id, req.params.itemId));

  app.get('/customers/:id/correspondent-banks', { config: read, schema: { tags, summary: 'Accounts, lines and loans at other banks (account numbers masked)', params: customerIdParams } },
    async (req) => listBankAccounts(app.db, req.actor, req.params.id));
  app.post('/customers/:id/correspondent-banks', { config: manage, schema: { tags, summary: 'Record an account at another bank', params: customerIdParams, body: createBankBody } },
    async (req, reply) => reply.status(201).send(await createBankAccount(app.db, req.actor, req.params.id, req.body)));
  app.patch('/customers/:id/correspondent-banks/:itemId', { config: manage, schema: { tags, summary: 'Change an other-bank account', params: itemParams, body: updateBankBody } },
    async (req) => updateBankAccount(app.db, req.actor, req.params.id, req.params.itemId, req.body));
  app.delete('/customers/:id/correspondent-banks/:itemId', { config: manage, schema: { tags, summary: 'Remove an other-bank account (kept, marked deleted)', params: itemParams } },
    async (req) => deleteBankAccount(app.db, req.actor, req.params.id, req.params.itemId));
  app.post('/customers/:id/correspondent-banks/:itemId/reveal', { config: { permission: 'customer.sensitive.read' }, schema: { tags, summary: 'Show one account number in full (audited)', params: itemParams } },
    async (req) => revealBankAccount(app.db, req.actor, req.params.id, req.params.itemId));
};
