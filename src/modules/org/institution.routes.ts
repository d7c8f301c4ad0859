import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../common/id.ts';
import {
  createInstitutionBody, levelNamesBody, listInstitutionsQuery, moveInstitutionBody, statusChangeBody, updateInstitutionBody,
} from './institution.schema.ts';
import * as service from './institution.service.ts';

const tags = ['institutions'];

export const institutionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/institutions', { config: { permission: 'institution.read' }, schema: { tags, summary: 'Institutions in my charge (tree order, with full names)', querystring: listInstitutionsQuery } },
    async (req) => service.listInstitutions(app.db, req.actor, req.query));

  app.get('/institutions/:id', { config: { permission: 'institution.read' }, schema: { tags, summary: 'One institution with counts and history', params: idParams } },
    async (req) => service.getInstitution(app.db, req.actor, req.params.id));

  app.post('/institutions', { config: { permission: 'institution.manage' }, schema: { tags, summary: 'Open an institution under a parent', body: createInstitutionBody } },
    async (req, reply) => reply.status(201).send(await service.createInstitution(app.db, req.actor, req.body)));

  app.patch('/institutions/:id', { config: { permission: 'institution.manage' }, schema: { tags, summary: 'Edit name, kind, category, contact', params: idParams, body: updateInstitutionBody } },
    async (req) => service.updateInstitution(app.db, req.actor, req.params.id, req.body));

  app.post('/institutions/:id/move', { config: { permission: 'institution.manage' }, schema: { tags, summary: 'Move under another parent, effective from a date', params: idParams, body: moveInstitutionBody } },
    async (req) => service.moveInstitution(app.db, req.actor, req.params.id, req.body));

  app.post('/institutions/:id/deactivate', { config: { permission: 'institution.manage' }, schema: { tags, summary: 'Close (never delete) an institution without active children or staff', params: idParams, body: statusChangeBody } },
    async (req) => service.deactivateInstitution(app.db, req.actor, req.params.id, req.body));

  app.post('/institutions/:id/reactivate', { config: { permission: 'institution.manage' }, schema: { tags, summary: 'Reopen a closed institution', params: idParams, body: statusChangeBody } },
    async (req) => service.reactivateInstitution(app.db, req.actor, req.params.id, req.body));

  app.get('/institution-levels', { config: { permission: 'institution.read' }, schema: { tags, summary: 'Configured level names' } },
    async () => service.listInstitutionLevels(app.db));

  app.put('/institution-levels', { config: { permission: 'institution.manage' }, schema: { tags, summary: 'Rename levels (head office only)', body: levelNamesBody } },
    async (req, reply) => { await service.setInstitutionLevels(app.db, req.actor, req.body.levels); return reply.status(204).send(); });
};
