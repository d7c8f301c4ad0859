import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addressParams, createAddressBody, updateAddressBody } from './address.schema.ts';
import { createAddress, deleteAddress, listAddresses, revealAddress, updateAddress } from './address.service.ts';
import { customerIdParams } from '../customer.schema.ts';

const tags = ['customers'];

export const addressRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/addresses', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Addresses by type, primary first (masked)', params: customerIdParams } },
    async (req) => listAddresses(app.db, req.actor, req.params.id));

  app.post('/customers/:id/addresses', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Add a typed address (the first of a type is its primary)', params: customerIdParams, body: createAddressBody } },
    async (req, reply) => reply.status(201).send(await createAddress(app.db, req.actor, req.params.id, req.body)));

  app.patch('/customers/:id/addresses/:addressId', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Change an address; isPrimary: true hands the primary role to it', params: addressParams, body: updateAddressBody } },
    async (req) => updateAddress(app.db, req.actor, req.params.id, req.params.addressId, req.body));

  app.delete('/customers/:id/addresses/:addressId', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Remove an address (kept in the field history)', params: addressParams } },
    async (req) => deleteAddress(app.db, req.actor, req.params.id, req.params.addressId));

  app.post('/customers/:id/addresses/:addressId/reveal', { config: { permission: 'customer.sensitive.read' }, schema: { tags, summary: 'Show one address in full (audited)', params: addressParams } },
    async (req) => revealAddress(app.db, req.actor, req.params.id, req.params.addressId));
};
