// ACC-4 account alerts on the workbench, and the two settings that tune them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { alertListQuery, alertParams, alertSettingsBody } from './alert.schema.ts';
import { countAccountAlerts, getAlertSettings, listAccountAlerts, markAlertDone, putAlertSettings } from './alert.service.ts';

const tags = ['accounts'];

export const accountAlertRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workbench/account-alerts', { config: { permission: 'customer.read' }, schema: { tags, querystring: alertListQuery,
    summary: 'Maturity warnings (到期预警) or large-amount changes (大额变动) I answer for, with the open count of each kind' } },
  async (req) => listAccountAlerts(app.db, req.actor, req.query));

  app.get('/workbench/account-alerts/count', { config: { permission: 'customer.read' }, schema: { tags,
    summary: 'Open account alerts I answer for, per kind: the badge of the workbench menu entry',
    response: { 200: z.object({ maturity: z.number().int(), large_change: z.number().int() }) } } },
  async (req) => countAccountAlerts(app.db, req.actor));

  app.post('/workbench/account-alerts/:id/done', { config: { permission: 'customer.read' }, schema: { tags, params: alertParams,
    summary: 'Mark an account alert as handled (audited)' } },
  async (req) => markAlertDone(app.db, req.actor, req.params.id));

  app.get('/settings/account-alerts', { config: { permission: 'setting.manage' }, schema: { tags: ['settings'],
    summary: 'Maturity warning windows (days ahead) and the large-change threshold (yuan)' } },
  async () => getAlertSettings(app.db));

  app.put('/settings/account-alerts', { config: { permission: 'setting.manage' }, schema: { tags: ['settings'], body: alertSettingsBody,
    summary: 'Change the maturity warning windows and the large-change threshold' } },
  async (req) => putAlertSettings(app.db, req.actor, req.body));
};
