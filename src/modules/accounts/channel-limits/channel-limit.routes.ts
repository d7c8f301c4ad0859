// ACC-7 customer-level channel limits. Reading follows customer.read and the data scope; a change needs limit.manage.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { customerIdParams } from '../../customers/customer.schema.ts';
import { setChannelLimitBody } from './channel-limit.schema.ts';
import { listChannelLimits, setChannelLimit } from './channel-limit.service.ts';

const tags = ['channel limits'];

export const channelLimitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/channel-limits', { config: { permission: 'customer.read' }, schema: { tags, summary: "A customer's limits per channel in force today, scheduled changes and the history", params: customerIdParams } },
    async (req) => listChannelLimits(app.db, req.actor, req.params.id));

  app.post('/customers/:id/channel-limits', { config: { permission: 'limit.manage' }, schema: { tags, summary: 'Set the limits of one channel from an effective date (a new row; history kept)', params: customerIdParams, body: setChannelLimitBody } },
    async (req, reply) => reply.status(201).send(await setChannelLimit(app.db, req.actor, req.params.id, req.body)));
};
