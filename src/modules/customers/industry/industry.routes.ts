import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { customerIdParams } from '../customer.schema.ts';
import { sendRejected, sendXlsx, uploadedFile, XLSX } from '../import/import.routes.ts';
import { buildTemplate, COMMON_NOTES } from '../import/import.template.ts';
import { importIndustry, INDUSTRY_COLUMNS } from './industry.import.ts';
import { industryBody, setIndustry } from './industry.service.ts';

const tags = ['customers'];
const dryRunQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') });

export const customerIndustryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put('/customers/:id/industry', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Set the industry attributes of a corporate customer (CIF-26)', params: customerIdParams, body: industryBody } },
    async (req) => setIndustry(app.db, req.actor, req.params.id, req.body));

  app.get('/customers/industry/import/template', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Excel template for batch industry attributes', produces: [XLSX] } },
    async (_req, reply) => sendXlsx(reply, '行业属性批量维护模板.xlsx', await buildTemplate(app.db, {
      title: '对公客户行业属性批量维护模板', columns: INDUSTRY_COLUMNS,
      notes: [...COMMON_NOTES.slice(0, 5), '6. 按客户号查找客户；客户名称列仅供填写时核对，不会导入。行业分类须为四位小类代码；工业区、专业市场分类留空表示清空。',
        '7. 先“预检”（保存草稿）查看每位客户的现值和新值，再“提交”；只要有一行有错，整个文件都不会生效。'],
    })));

  app.post('/customers/industry/import', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Batch industry attributes from .xlsx/.csv/.txt; dryRun=true previews (draft), false submits; all rows or none', querystring: dryRunQuery, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const r = await importIndustry(app.db, req.actor, await uploadedFile(req), { dryRun: req.query.dryRun === 'true', lang: req.lang });
      if (!r.ok) return sendRejected(req, reply, r);
      return r;
    });
};
