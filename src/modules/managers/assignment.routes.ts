import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assignmentBody, assignmentDone, assignmentPreview, assignmentPreviewBody, assignmentsNeeded } from './assignment.schema.ts';
import { assignCustomers, previewAssignment } from './assignment.service.ts';
import { listNeedingAssignment } from './charge.service.ts';

const tags = ['managers'];

export const assignmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/customer-assignments/preview', { config: { permission: 'customer.assign' }, schema: { tags, summary: 'Count the customers an assignment would give a manager (nothing written)', body: assignmentPreviewBody, response: { 200: assignmentPreview } } },
    async (req) => previewAssignment(app.db, req.actor, req.body));

  app.post('/customer-assignments', { config: { permission: 'customer.assign' }, schema: { tags, summary: 'Assign customers to a manager (all or nothing, effective today)', body: assignmentBody, response: { 201: assignmentDone } } },
    async (req, reply) => reply.code(201).send(await assignCustomers(app.db, req.actor, req.body)));

  app.get('/customer-assignments/needed', { config: { permission: 'customer.assign' }, schema: { tags, summary: 'Customers in my charge without a manager, with temporary staff or a departed manager; overdue after 3 working days', response: { 200: assignmentsNeeded } } },
    async (req) => listNeedingAssignment(app.db, req.actor));
};
