// /api/customers/:id/scale and /api/scale-rules: the scale attribute, its suggestion, the
// application that starts the 'customer.scale' approval, and the classification's thresholds.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { multiLineText } from '../../../common/text.ts';
import { submitRequest } from '../../approvals/approval.service.ts';
import { customerIdParams as params } from '../customer.schema.ts';
import { SCALES } from './scale-rules.ts';
import { customerScale, listScaleRules, scaleRuleBody, updateScaleRule } from './scale.service.ts';
import { customerScaleChange } from './scale.workflow.ts';

const tags = ['customers'];
const applyBody = z.strictObject({ scale: z.enum(SCALES), reason: multiLineText().min(1).max(200) });
const ruleParams = z.strictObject({ category: z.string().min(1).max(24).regex(/^[a-z_]+$/) });

export const scaleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/scale', { config: { permission: 'customer.read' }, schema: { tags, summary: 'A corporate customer\'s scale attribute and what the SME classification suggests from his industry and latest annual statement', params } },
    async (req) => customerScale(app.db, req.actor, req.params.id));

  app.post('/customers/:id/scale', { config: { permission: 'customer.scale.apply' }, schema: { tags, summary: 'Apply to change the scale attribute (approval type customer.scale: approve, then confirm); 202 with the request', params, body: applyBody } },
    async (req, reply) => reply.status(202).send(await submitRequest(app.db, req.actor, customerScaleChange, { customerId: req.params.id, ...req.body })));

  app.get('/scale-rules', { config: { permission: ['customer.read', 'setting.manage'] }, schema: { tags, summary: 'The SME classification thresholds per industry category (工信部联企业〔2011〕300号)' } },
    async () => listScaleRules(app.db));

  app.put('/scale-rules/:category', { config: { permission: 'setting.manage' }, schema: { tags, summary: 'Replace one category\'s thresholds when the standard is revised (audited)', params: ruleParams, body: scaleRuleBody } },
    async (req) => updateScaleRule(app.db, req.actor, req.params.category, req.body));
};
