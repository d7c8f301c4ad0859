import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { customerIdParams } from '../customer.schema.ts';
import { createRiskAssessmentBody } from './risk-assessment.schema.ts';
import { createRiskAssessment, listRiskAssessments } from './risk-assessment.service.ts';

const tags = ['customers'];

export const riskAssessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/risk-assessments', { config: { permission: 'customer.read' }, schema: { tags, summary: 'Risk assessments, newest first, and the one in force', params: customerIdParams } },
    async (req) => listRiskAssessments(app.db, req.actor, req.params.id));

  app.post('/customers/:id/risk-assessments', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Record a risk-tolerance questionnaire result (personal or corporate)', params: customerIdParams, body: createRiskAssessmentBody } },
    async (req, reply) => reply.status(201).send(await createRiskAssessment(app.db, req.actor, req.params.id, req.body)));
};
