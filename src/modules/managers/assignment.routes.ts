import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assignableManagersList, assignableManagersQuery, assignmentBody, assignmentDone, assignmentPreview, assignmentPreviewBody, assignmentsNeeded, neededQuery } from './assignment.schema.ts';
import { assignCustomers, previewAssignment } from './assignment.service.ts';
import { assignableManagers, listNeedingAssignment } from './charge.service.ts';

const tags = ['managers'];

export const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/customer-assignments/preview', { config: { permission: 'customer.assign' }, schema: { tags, summary: 'Count the customers an assignment would give a manager (nothing written)', body: assignmentPreviewBody, response: { 200: assignmentPreview } } },
    async (req) => previewAssignment(app.db, req.actor, req.body));

  app.post('/customer-assignments', { config: { permission: 'customer.assign' }, schema: { tags, summary: 'Assign customers to a manager (all or nothing, effective today)', body: assignmentBody, response: { 201: assignmentDone } } },
    async (req, reply) => reply.code(201).send(await assignCustomers(app.db, req.actor, req.body)));

  app.get('/customer-assignments/needed', { config: { permission: 'customer.assign' }, schema: { tags, summary: 'Customers in my charge without a manager, with temporary staff or a departed manager, longest waiting first; overdue after 3 working days', querystring: neededQuery, response: { 200: assignmentsNeeded } } },
    async (req) => listNeedingAssignment(app.db, req.actor, req.query));

  app.get('/customer-assignments/managers', { config: { permission: 'customer.assign' }, schema: { tags, summary: 'Managers an assignment may name: active persons with a manager role homed in my charge', querystring: assignableManagersQuery, response: { 200: assignableManagersList } } },
    async (req) => assignableManagers(app.db, req.actor, req.query.q));
};
