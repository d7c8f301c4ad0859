import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createItemBody, createTableBody, itemParams, itemsQuery, tableParams, updateItemBody } from './code-table.schema.ts';
import * as service from './code-table.service.ts';

const tags = ['code-tables'];

// Reading code tables needs only a sign-in: every screen shows coded values by name.
export const codeTableRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/code-tables', { schema: { tags, summary: 'All code tables with item counts' } }, async () => service.listCodeTables(app.db));
  app.get('/code-tables/:code/items', { schema: { tags, summary: 'Items of a table (filter by parent, level, text)', params: tableParams, querystring: itemsQuery } },
    async (req) => service.listCodeItems(app.db, req.params.code, req.query));
  app.post('/code-tables', { config: { permission: 'codetable.manage' }, schema: { tags, summary: 'Add a bank-defined code table', body: createTableBody } },
    async (req, reply) => reply.status(201).send(await service.createCodeTable(app.db, req.actor, req.body)));
  app.post('/code-tables/:code/items', { config: { permission: 'codetable.manage' }, schema: { tags, params: tableParams, body: createItemBody } },
    async (req, reply) => reply.status(201).send(await service.createCodeItem(app.db, req.actor, req.params.code, req.body)));
  app.patch('/code-tables/:code/items/:item', { config: { permission: 'codetable.manage' }, schema: { tags, summary: 'Rename, reorder, deactivate an item', params: itemParams, body: updateItemBody } },
    async (req) => service.updateCodeItem(app.db, req.actor, req.params.code, req.params.item, req.body));
};
