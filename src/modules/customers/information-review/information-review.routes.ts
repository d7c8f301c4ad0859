// The setting of which customer information changes are reviewed: read and changed by head
// office (setting.manage), each change audited with before and after (settings.service).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getSetting, putSetting } from '../../settings/settings.service.ts';
import { IDENTITY_DOCUMENT_FIELDS, informationReviewSettingsSchema, KEY_FIELDS } from './review-settings.ts';

const tags = ['settings'];

export const informationReviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/settings/customer-information-review', { config: { permission: 'setting.manage' }, schema: { tags, summary: 'Which customer information changes need review (CIF-40), and the fields each kind covers' } },
    async () => ({ ...(await getSetting(app.db, 'customers.information_review')), fields: { keyFields: KEY_FIELDS, identityDocuments: IDENTITY_DOCUMENT_FIELDS } }));
  app.put('/settings/customer-information-review', { config: { permission: 'setting.manage' }, schema: { tags, summary: 'Change which customer information changes need review', body: informationReviewSettingsSchema } },
    async (req) => app.db.transaction().execute((tx) => putSetting(tx, req.actor, 'customers.information_review', req.body)));
};
