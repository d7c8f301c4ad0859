import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigRecordIdParam } from '../../common/id.ts';
import { getPreferences, listDeliveries, listNotifications, countUnread, markRead, setPreferences } from './notification.inbox.ts';
import { timestamp } from '../../common/http/answers.ts';
import { NOTIFICATION_KINDS } from './notification.service.ts';

const tags = ['notifications'];
const page = { page: z.coerce.number().int().min(1).max(500).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) };
const listQuery = z.strictObject({ unread: z.enum(['true', 'false']).optional(), ...page });
const idParams = z.strictObject({ id: bigRecordIdParam });
const preferencesBody = z.strictObject({
  items: z.array(z.strictObject({ kind: z.enum(NOTIFICATION_KINDS), email: z.boolean(), sms: z.boolean() })).min(1).max(NOTIFICATION_KINDS.length)
    .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, { message: 'each kind once' }),
});
const deliveriesQuery = z.strictObject({ status: z.enum(['pending', 'sent', 'failed']).optional(), channel: z.enum(['email', 'sms']).optional(), ...page });

// A person's own notifications and preferences need only a session (every query is keyed by his
// id). The delivery log shows every recipient's deliveries: IT operations / administrators with
// notification.delivery.read (reading it is not changing settings); addresses masked, reads audited.
/** GET /notifications. Exact: the bell's list. */
const notificationPage = z.object({
  total: z.number().int(), unread: z.number().int(),
  items: z.array(z.object({
    id: z.number().int(), kind: z.string(), text: z.string().describe("in the caller's language"), kindName: z.string(),
    entityType: z.string().nullable(), entityId: z.string().nullable(), createdAt: timestamp, readAt: timestamp.nullable(),
  })),
});

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/notifications', { schema: { tags, summary: 'My notifications (workbench inbox), newest first, with the unread count', querystring: listQuery, response: { 200: notificationPage } } },
    async (req) => listNotifications(app.db, req.actor, req.lang, { ...req.query, unread: req.query.unread === 'true' }));

  app.get('/notifications/count', { schema: { tags, summary: 'My unread notifications (the bell)', response: { 200: z.object({ unread: z.number().int() }) } } },
    async (req) => countUnread(app.db, req.actor));

  app.post('/notifications/:id/read', { schema: { tags, summary: 'Mark one of my notifications read', params: idParams } },
    async (req) => markRead(app.db, req.actor, req.params.id));

  app.post('/notifications/read-all', { schema: { tags, summary: 'Mark all my notifications read' } },
    async (req) => markRead(app.db, req.actor));

  app.get('/notifications/preferences', { schema: { tags, summary: 'My channels per event kind (the workbench inbox is always on)' } },
    async (req) => getPreferences(app.db, req.actor, req.lang));

  app.put('/notifications/preferences', { schema: { tags, summary: 'Set my channels per event kind (audited)', body: preferencesBody } },
    async (req) => setPreferences(app.db, req.actor, req.body.items));

  app.get('/notifications/deliveries', { config: { permission: 'notification.delivery.read' }, schema: { tags, summary: 'Delivery log: per e-mail/SMS delivery its channel, attempts, last error and time sent', querystring: deliveriesQuery } },
    async (req) => listDeliveries(app.db, req.actor, req.lang, req.query));
};
