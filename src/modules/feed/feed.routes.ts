// The feed history screen's API (数据下发): runs with their counts and timings, a run's rejected
// rows (also as CSV for the core team), and loading a date from the inbox at once.
import { z } from 'zod';
import { bigRecordIdParam } from '../../common/id.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, notFound } from '../../common/http/errors.ts';
import { t } from '../../common/i18n/i18n.ts';
import { feedInbox, inboxFolder, loadFeed } from './feed.service.ts';
import type { Rejection } from './read-file.ts';

const id = bigRecordIdParam;
const listQuery = z.strictObject({ page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) });
const loadBody = z.strictObject({ businessDate: z.iso.date('feed.date') });

// A cell that a spreadsheet would run as a formula is prefixed, as in every export of the CRM.
const csvCell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export const feedRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/feeds', { config: { permission: 'feed.read' }, schema: { tags: ['feed'], summary: 'Daily feed runs, newest first', querystring: listQuery } }, async (req) => {
    const { page, pageSize } = req.query;
    const rows = await app.db.selectFrom('feed_run as f').leftJoin('app_user as u', 'u.id', 'f.started_by')
      .select(['f.id', 'f.business_date', 'f.trigger', 'u.display_name as started_by', 'f.started_at', 'f.finished_at', 'f.status', 'f.files', 'f.counts', 'f.timings', 'f.rejected_total', 'f.error'])
      .orderBy('f.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
    const total = await app.db.selectFrom('feed_run').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return {
      total: Number(total.n), inbox: Boolean(feedInbox()),
      items: rows.map((r) => ({ id: r.id, businessDate: r.business_date, trigger: r.trigger, startedBy: r.started_by, startedAt: r.started_at, finishedAt: r.finished_at,
        status: r.status, files: r.files, counts: r.counts, timings: r.timings, rejectedTotal: r.rejected_total, error: r.error })),
    };
  });

  app.get('/feeds/:id/rejected', { config: { permission: 'feed.read' }, schema: { tags: ['feed'], summary: "A run's rejected rows (the first 1,000)", params: z.strictObject({ id }) } }, async (req) => {
    const r = await app.db.selectFrom('feed_run').select(['id', 'rejected', 'rejected_total']).where('id', '=', req.params.id).executeTakeFirst();
    if (!r) throw notFound('feed_run');
    const rows = r.rejected as Rejection[];
    return { id: r.id, total: r.rejected_total, items: rows.map((x) => ({ ...x, message: t(req.lang, x.code, { ...x.params, value: x.value || t(req.lang, 'feed.value_empty') }) })) };
  });

  app.get('/feeds/:id/rejected.csv', { config: { permission: 'feed.read' }, schema: { tags: ['feed'], summary: "A run's rejected rows as CSV (UTF-8 with BOM, opens in Excel)", produces: ['text/csv'], params: z.strictObject({ id }) } }, async (req, reply) => {
    const r = await app.db.selectFrom('feed_run').select(['id', 'business_date', 'rejected']).where('id', '=', req.params.id).executeTakeFirst();
    if (!r) throw notFound('feed_run');
    const rows = r.rejected as Rejection[];
    const header = req.lang === 'en-US' ? ['File', 'Line', 'Field', 'Code', 'Value', 'Reason'] : ['文件', '行号', '字段', '错误代码', '值', '原因'];
    const body = [header, ...rows.map((x) => [x.file, x.line, x.field, x.code, x.value, t(req.lang, x.code, { ...x.params, value: x.value || t(req.lang, 'feed.value_empty') })])].map((l) => l.map(csvCell).join(',')).join('\r\n');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="feed-${r.business_date}-${r.id}-rejected.csv"`).send(`\ufeff${body}\r\n`);
  });

  app.post('/feeds/load', { config: { permission: 'feed.manage' }, schema: { tags: ['feed'], summary: 'Load a business date from the inbox folder now (whole day or nothing)', body: loadBody } }, async (req) => {
    const inbox = feedInbox();
    if (!inbox) throw new AppError('feed.inbox_unset', 409);
    return loadFeed(app.db, req.actor, inboxFolder(inbox, req.body.businessDate), req.body.businessDate, 'screen');
  });
};
