import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../common/http/errors.ts';
import { t } from '../../../common/i18n/i18n.ts';
import { sendProblem, type Problem } from '../../../common/http/problem.ts';
import { importColumns } from './import.columns.ts';
import { MAX_FILE_BYTES } from './import.read.ts';
import { loadReport } from './import.report.ts';
import { importCustomers, type Rejected, type UploadedFile } from './import.service.ts';
import { getImportRun, listImportRuns, settleImportRuns, startImportRun } from './import-runs.ts';
import { bigRecordIdParam } from '../../../common/id.ts';
import { buildTemplate, COMMON_NOTES } from './import.template.ts';

const tags = ['customers'];
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The one uploaded file of a multipart request, with the size limit turned into a clear error. */
export async function uploadedFile(req: FastifyRequest): Promise<UploadedFile> {
  let part;
  try {
    part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } });
  } catch {
    throw new AppError('customers.import.no_file', 400);
  }
  if (!part) throw new AppError('customers.import.no_file', 400);
  try {
    return { fileName: part.filename || 'upload', data: await part.toBuffer() };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('customers.import.file_too_large', 413, { maxMb: MAX_FILE_BYTES / 1024 / 1024 });
    throw err;
  }
}

export function sendXlsx(reply: FastifyReply, fileName: string, content: Buffer) {
  return reply.type(XLSX).header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store').send(content);
}

/** 422 problem+json listing every error by row and column, with a link to the full report. */
export function sendRejected(req: FastifyRequest, reply: FastifyReply, r: Rejected) {
  const code = 'customers.import.rejected';
  const p = {
    type: `urn:bank-crm:problem:${code}`, title: t(req.lang, code, { rowCount: r.rowCount, errorCount: r.errorCount }), status: 422, code, requestId: String(req.id),
    rowCount: r.rowCount, errorCount: r.errorCount, errorsTruncated: r.errorsTruncated, reportUrl: `/api/customers/import/report/${r.reportToken}`,
    errors: r.errors,
  };
  return sendProblem(reply, p as Problem);
}

const kindQuery = z.strictObject({ kind: z.enum(['personal', 'corporate']) });
const importQuery = z.strictObject({ kind: z.enum(['personal', 'corporate']), dryRun: z.enum(['true', 'false']).default('false') });

export const customerImportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/import/template', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Excel template for importing personal or corporate customers', produces: [XLSX], querystring: kindQuery } },
    async (req, reply) => {
      const kind = req.query.kind;
      const content = await buildTemplate(app.db, {
        title: kind === 'personal' ? '个人客户导入模板' : '对公客户导入模板', columns: importColumns(kind),
        notes: [...COMMON_NOTES, kind === 'personal' ? '7. 每位客户最多三个证件；证件1必填。身份证号码会校验校验位，并与出生日期、性别核对。' : '7. 统一社会信用代码会校验校验码；组织机构代码可不填，系统从信用代码中取得。'],
      });
      return sendXlsx(reply, kind === 'personal' ? '个人客户导入模板.xlsx' : '对公客户导入模板.xlsx', content);
    });

  app.post('/customers/import', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Import customers from .xlsx/.csv (multipart field "file"); all rows or none; dryRun=true only checks', querystring: importQuery, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const file = await uploadedFile(req);
      const r = await importCustomers(app.db, req.actor, req.query.kind, file, { dryRun: req.query.dryRun === 'true', lang: req.lang });
      if (!r.ok) return sendRejected(req, reply, r);
      return reply.status(r.dryRun ? 200 : 201).send(r);
    });

  // A stopping server lets the imports it runs finish (each is one transaction; a run cut short
  // would read as interrupted only after 30 minutes).
  app.addHook('onClose', async () => { await settleImportRuns(); });

  // The same import in the background: 202 with the run at once, then its progress and result (issue 12, item 9).
  app.post('/customers/imports', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Start an import (or, with dryRun=true, a check) in the background; answers 202 with the run to follow', querystring: importQuery, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const file = await uploadedFile(req);
      return reply.status(202).send(await startImportRun(app.db, req.actor, req.query.kind, file, { dryRun: req.query.dryRun === 'true', lang: req.lang }));
    });

  app.get('/customers/imports', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'My latest import runs (20), newest first' } },
    async (req) => listImportRuns(app.db, req.actor));

  app.get('/customers/imports/:id', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'One of my import runs: phase, rows read, checked and written, and its result', params: z.strictObject({ id: bigRecordIdParam }) } },
    async (req) => getImportRun(app.db, req.actor, req.params.id));

  app.get('/customers/import/report/:token', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Error report of a rejected import (.xlsx, 24 hours, uploader only)', produces: [XLSX], params: z.strictObject({ token: z.uuid() }) } },
    async (req, reply) => {
      const r = await loadReport(app.db, req.actor, req.params.token);
      return sendXlsx(reply, `错误报告-${r.fileName.replace(/\.[^.]*$/, '')}.xlsx`, r.content);
    });
};
