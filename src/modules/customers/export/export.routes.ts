import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchQuery } from '../customer.schema.ts';
import { exportCustomers } from './export.service.ts';
import { sendXlsx, XLSX } from '../import/import.routes.ts';

// The list's own filters (its sort does not change what is exported), without paging; unmasked=true needs customer.sensitive.read.
const exportQuery = searchQuery.omit({ after: true, pageSize: true }).extend({ unmasked: z.enum(['true', 'false']).optional() });

export const customerExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/export', { config: { permission: 'customer.read' }, schema: { tags: ['customers'], summary: 'Export the customers a search finds (.xlsx, masked, watermarked, audited)', produces: [XLSX], querystring: exportQuery } },
    async (req, reply) => {
      const r = await exportCustomers(app.db, req.actor, req.query, req.lang);
      return sendXlsx(reply, r.fileName, r.content);
    });
};
