import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParams } from '../../common/id.ts';
import { createUserBody, listUsersQuery, moveUserBody, setRolesBody, updateUserBody, userStatusBody } from './user.schema.ts';
import * as service from './user.service.ts';

const tags = ['users'];

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/users', { config: { permission: 'user.read' }, schema: { tags, summary: 'Users whose home institution is in my charge', querystring: listUsersQuery } },
    async (req) => service.listUsers(app.db, req.actor, req.query));
  app.get('/users/:id', { config: { permission: 'user.read' }, schema: { tags, summary: 'One user with roles and history', params: idParams } },
    async (req) => service.getUser(app.db, req.actor, req.params.id));
  app.post('/users', { config: { permission: 'user.manage' }, schema: { tags, summary: 'A person joins: create the user (initial password returned once)', body: createUserBody } },
    async (req, reply) => reply.status(201).send(await service.createUser(app.db, req.actor, req.body)));
  app.patch('/users/:id', { config: { permission: 'user.manage' }, schema: { tags, params: idParams, body: updateUserBody } },
    async (req) => service.updateUser(app.db, req.actor, req.params.id, req.body));
  app.post('/users/:id/move', { config: { permission: 'user.manage' }, schema: { tags, summary: 'Move to another home or managing institution', params: idParams, body: moveUserBody } },
    async (req) => service.moveUser(app.db, req.actor, req.params.id, req.body));
  app.post('/users/:id/status', { config: { permission: 'user.manage' }, schema: { tags, summary: 'Disable, enable, or record leaving', params: idParams, body: userStatusBody } },
    async (req) => service.changeUserStatus(app.db, req.actor, req.params.id, req.body));
  app.post('/users/:id/unlock', { config: { permission: 'user.manage' }, schema: { tags, summary: 'Lift a lockout after failed sign-ins', params: idParams } },
    async (req) => service.unlockUser(app.db, req.actor, req.params.id));
  app.post('/users/:id/reset-password', { config: { permission: 'user.manage' }, schema: { tags, summary: 'Issue a new initial password (shown once)', params: idParams } },
    async (req) => service.resetPassword(app.db, req.actor, req.params.id));
  app.put('/users/:id/roles', { config: { permission: 'role.grant' }, schema: { tags, summary: 'Set the roles of a user', params: idParams, body: setRolesBody } },
    async (req) => service.setUserRoles(app.db, req.actor, req.params.id, req.body.roleIds));
};
