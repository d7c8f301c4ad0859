import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../common/id.ts';
import { createRoleBody, updateRoleBody } from './role.schema.ts';
import * as service from './role.service.ts';

const tags = ['roles'];

export const roleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/permissions', { config: { permission: 'role.read' }, schema: { tags, summary: 'The permission catalogue' } },
    async () => service.listPermissions());
  app.get('/roles', { config: { permission: ['role.read', 'role.grant'] }, schema: { tags, summary: 'Built-in and custom roles with permissions' } },
    async () => service.listRoles(app.db));
  app.get('/roles/:id', { config: { permission: ['role.read', 'role.grant'] }, schema: { tags, params: idParams } },
    async (req) => service.getRole(app.db, req.params.id));
  app.post('/roles', { config: { permission: 'role.manage' }, schema: { tags, summary: 'Define a custom role', body: createRoleBody } },
    async (req, reply) => reply.status(201).send(await service.createRole(app.db, req.actor, req.body)));
  app.patch('/roles/:id', { config: { permission: 'role.manage' }, schema: { tags, summary: 'Change a custom role', params: idParams, body: updateRoleBody } },
    async (req) => service.updateRole(app.db, req.actor, req.params.id, req.body));
  app.delete('/roles/:id', { config: { permission: 'role.manage' }, schema: { tags, summary: 'Delete a custom role no one holds', params: idParams } },
    async (req, reply) => { await service.deleteRole(app.db, req.actor, req.params.id); return reply.status(204).send(); });
};
