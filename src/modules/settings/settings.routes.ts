import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { securityPolicySchema } from '../auth/password-policy.ts';
import { getSetting, putSetting } from './settings.service.ts';

const tags = ['settings'];

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/settings/security-policy', { config: { permission: 'setting.manage' }, schema: { tags, summary: 'Password, lockout and session policy' } },
    async () => getSetting(app.db, 'security.policy'));
  app.put('/settings/security-policy', { config: { permission: 'setting.manage' }, schema: { tags, summary: 'Change the security policy', body: securityPolicySchema } },
    async (req) => app.db.transaction().execute((tx) => putSetting(tx, req.actor, 'security.policy', req.body)));
};
