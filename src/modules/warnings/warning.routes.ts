// WARN-1…4 relationship crisis early warning: the warning list and detail, the disposal steps,
// the head's closing, and the scorecard settings with a preview.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendXlsx, XLSX } from '../customers/import/import.routes.ts';
import { exportWarnings } from './warning.export.ts';
import { factorAnalysis } from './warning.report.ts';
import { closeAnswer, disposalAnswer, factorAnalysisAnswer, factorAnalysisQuery, disposalBody, previewAnswer, scorecardBody, warningDetail, warningExportQuery, warningListQuery, warningPage, warningParams } from './warning.schema.ts';
import { closeWarning, getScorecard, getWarning, listWarnings, previewScorecard, putScorecard, recordDisposal } from './warning.service.ts';

const tags = ['warnings'];

export const warningRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/warnings', { config: { permission: 'customer.read' }, schema: { tags, querystring: warningListQuery, response: { 200: warningPage },
    summary: 'Crisis warnings (危机预警) of customers in my scope, by level, status, institution or manager' } },
  async (req) => listWarnings(app.db, req.actor, req.query));

  app.get('/warnings/export', { config: { permission: 'customer.read' }, schema: { tags, querystring: warningExportQuery, produces: [XLSX],
    summary: 'The warnings the list\'s filters select, as .xlsx (watermarked, audited)' } },
  async (req, reply) => {
    const r = await exportWarnings(app.db, req.actor, req.query, req.lang);
    return sendXlsx(reply, r.fileName, r.content);
  });

  app.get('/warnings/factor-analysis', { config: { permission: 'customer.read' }, schema: { tags, querystring: factorAnalysisQuery, response: { 200: factorAnalysisAnswer },
    summary: 'Factor analysis (WARN-4): which indicators drove the warnings by month and institution, and how they ended' } },
  async (req) => factorAnalysis(app.db, req.actor, req.query));

  app.get('/warnings/:id', { config: { permission: 'customer.read' }, schema: { tags, params: warningParams, response: { 200: warningDetail },
    summary: 'A crisis warning with the indicators that drove it, its disposal, history and score over time' } },
  async (req) => getWarning(app.db, req.actor, req.params.id));

  app.post('/warnings/:id/disposal', { config: { permission: 'customer.read' }, schema: { tags, params: warningParams, body: disposalBody, response: { 200: disposalAnswer },
    summary: 'Record a disposal step (analysis, contact, measures, result) — the responsible manager (audited)' } },
  async (req) => recordDisposal(app.db, req.actor, req.params.id, req.body));

  app.post('/warnings/:id/close', { config: { permission: 'alert.unassigned.handle' }, schema: { tags, params: warningParams, response: { 200: closeAnswer },
    summary: 'Close a warning whose result the manager recorded — the institution head (audited)' } },
  async (req) => closeWarning(app.db, req.actor, req.params.id));

  app.get('/settings/warnings', { config: { permission: 'setting.manage' }, schema: { tags: ['settings'], response: { 200: scorecardBody },
    summary: 'The churn scorecard: indicator bins and points, level thresholds, crisis rules, escalation working days' } },
  async () => getScorecard(app.db));

  app.put('/settings/warnings', { config: { permission: 'setting.manage' }, schema: { tags: ['settings'], body: scorecardBody, response: { 200: scorecardBody },
    summary: 'Change the churn scorecard (audited; applies from the next day loaded)' } },
  async (req) => putScorecard(app.db, req.actor, req.body));

  app.post('/settings/warnings/preview', { config: { permission: 'setting.manage' }, schema: { tags: ['settings'], body: scorecardBody, response: { 200: previewAnswer },
    summary: 'How many customers each level would hold under a proposed scorecard, beside the one in force, on the latest day loaded' } },
  async (req) => previewScorecard(app.db, req.body));
};
