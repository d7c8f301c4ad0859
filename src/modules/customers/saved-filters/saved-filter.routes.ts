import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { saveFilterBody, savedFilterParams } from './saved-filter.schema.ts';
import { deleteSavedFilter, listSavedFilters, saveFilter } from './saved-filter.service.ts';

const tags = ['customers'];

export const savedFilterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/saved-filters', { config: { permission: 'customer.read' }, schema: { tags, summary: 'My saved customer-list filters' } },
    async (req) => listSavedFilters(app.db, req.actor));

  app.post('/customers/saved-filters', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Save the list\'s filters and sort under a name (audited)', body: saveFilterBody } },
    async (req, reply) => reply.status(201).send(await saveFilter(app.db, req.actor, req.body)));

  app.delete('/customers/saved-filters/:id', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Delete one of my saved filters (audited)', params: savedFilterParams } },
    async (req) => deleteSavedFilter(app.db, req.actor, req.params.id));
};
