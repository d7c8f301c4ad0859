// /api/customers/:id/links, /api/customers/:id/network and /api/guarantee-circles: the links of
// REL-1/REL-2, the network graph of REL-3 and the risk views of REL-4.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigRecordIdParam } from '../../common/id.ts';
import { customerIdParams } from '../customers/customer.schema.ts';
import { createLinkBody, endLinkBody, linkParams, linksQuery, networkQuery } from './link.schema.ts';
import { createLink, endLink, listLinks } from './link.service.ts';
import { customerNetwork } from './network.service.ts';
import { getGuaranteeCircle, listGuaranteeChains, listGuaranteeCircles } from './guarantee-scan.service.ts';
import { exportGuaranteeCircles } from './circle-export.ts';
import { blacklistProximity } from './blacklist-proximity.ts';
import { sendXlsx, XLSX } from '../customers/import/import.routes.ts';

const tags = ['relationships'];
const isoDate = z.iso.date('common.date_format');
const page = { page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) };
const circlesQuery = z.strictObject({ on: isoDate.optional(), minMembers: z.coerce.number().int().min(2).max(100000).optional(), institutionId: bigRecordIdParam.optional(), ...page });
const circlesExportQuery = circlesQuery.omit({ page: true, pageSize: true });
const proximityQuery = z.strictObject({ hops: z.coerce.number().int().min(1).max(3).default(2), ...page });
const chainsQuery = z.strictObject({ on: isoDate.optional(), ...page });
const circleParams = z.strictObject({ date: isoDate, no: z.coerce.number().int().min(1).max(10_000_000) });

const id = z.number().int();
/** GET /customers/:id/network. Exact: the relationship graph (关系网) of the customer view. */
const networkGraph = z.object({
  center: z.string().describe('the key of the customer asked for'), on: z.string(), hops: id, nodeLimit: id,
  nodes: z.array(z.object({
    key: z.string().describe('c<customer id> or p<related party id>'), hop: id, isCustomer: z.boolean(), kind: z.enum(['personal', 'corporate']),
    masked: z.boolean().describe('a customer outside my charge: name masked, no number'), customerId: id.nullable(), customerNo: z.string().nullable(),
    name: z.string(), blacklisted: z.boolean().nullable(), openAlerts: id.nullable(),
  })),
  edges: z.array(z.object({
    id, source: z.string(), target: z.string(), role: z.string(), roleZh: z.string(), roleEn: z.string(),
    amount: z.string().nullable(), sharePct: z.string().nullable(), contractNo: z.string().nullable(),
  })),
  summarised: z.array(z.object({ hop: id, role: z.string(), count: id, roleZh: z.string(), roleEn: z.string() }).describe('links beyond the node limit, counted per hop and role')),
});

export const networkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/links', { config: { permission: 'customer.read' }, schema: { tags, summary: 'The customer\'s links (关联关系) in force, or all with ended=true; parties outside my charge masked', params: customerIdParams, querystring: linksQuery } },
    async (req) => listLinks(app.db, req.actor, req.params.id, { ended: req.query.ended === 'true' }));

  app.post('/customers/:id/links', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Link a party (a customer by number or document, or a related party by document) in a role', params: customerIdParams, body: createLinkBody } },
    async (req, reply) => reply.status(201).send(await createLink(app.db, req.actor, req.params.id, req.body)));

  app.post('/customers/:id/links/:linkId/end', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'End a link (it leaves the current network and stays in history)', params: linkParams, body: endLinkBody } },
    async (req) => endLink(app.db, req.actor, req.params.id, req.params.linkId, req.body));

  app.get('/customers/:id/network', { config: { permission: 'customer.read' }, schema: { tags, summary: 'The relationship network (关系网) one to three hops out, on a date, summarised beyond 60 nodes', params: customerIdParams, querystring: networkQuery, response: { 200: networkGraph } } },
    async (req) => customerNetwork(app.db, req.actor, req.params.id, req.query));

  app.get('/guarantee-circles', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Guarantee circles (担保圈) of the latest scan touching customers in my charge', querystring: circlesQuery } },
    async (req) => listGuaranteeCircles(app.db, req.actor, req.query));

  app.get('/guarantee-circles/export', { config: { permission: 'customer.read' }, schema: { tags, summary: 'The guarantee circles the list shows, as .xlsx (members outside my charge masked, watermarked, audited)', produces: [XLSX], querystring: circlesExportQuery } },
    async (req, reply) => {
      const r = await exportGuaranteeCircles(app.db, req.actor, req.query, req.lang);
      return sendXlsx(reply, r.fileName, r.content);
    });

  app.get('/guarantee-circles/:date/:no', { config: { permission: 'customer.read' }, schema: { tags, summary: 'One guarantee circle: members, cycles and the guarantees between them', params: circleParams } },
    async (req) => getGuaranteeCircle(app.db, req.actor, req.params.date, req.params.no));

  app.get('/guarantee-chains', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Guarantee chains of three or more guarantees touching customers in my charge, longest first', querystring: chainsQuery } },
    async (req) => listGuaranteeChains(app.db, req.actor, req.query));

  app.get('/blacklist-proximity', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Customers in my charge within one to three hops of a blacklisted customer over the links in force (source masked outside my charge)', querystring: proximityQuery } },
    async (req) => blacklistProximity(app.db, req.actor, req.query));
};
