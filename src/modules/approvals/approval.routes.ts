import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appErrorMessage } from '../../common/http/problem.ts';
import { WORK_PERMISSIONS } from '../org/permissions.ts';
import { approveMany, decide, resubmit, withdraw } from './approval.service.ts';
import { listSteps, setSteps } from './approval-steps.service.ts';
import { approveBody, batchApproveBody, inboxQuery, mineQuery, requestIdParams, resubmitBody, returnBody, stepsBody, stepsParams, subjectQuery, withdrawBody } from './approval.schema.ts';
import { cancelDelegation, createDelegation, listDelegations } from './delegation.service.ts';
import { delegationBody } from './approval.schema.ts';
import { timestamp } from '../../common/http/answers.ts';
import { countInbox, getRequest, listInbox, listMine, listOpenFor } from './inbox.service.ts';

const tags = ['approvals'];

// Reading needs only a session: what a person sees is decided in SQL (approval.queries.ts). A
// decision is authorised by the step's role and institution, not by a permission code, so the
// engine is the one place that says who approves what; acting at all asks for a permission that
// changes something (WORK_PERMISSIONS), so read-only roles such as the auditor never act.
const work = { permission: WORK_PERMISSIONS };
/** One request as the inbox lists it. */
const requestItem = z.object({
  id: z.number().int(), type: z.string().describe('the workflow type, e.g. customer.delete'),
  subject: z.object({ type: z.string(), id: z.string(), label: z.string() }),
  step: z.number().int(), stepCount: z.number().int(), role: z.string().nullable(), dueOn: z.string().nullable(), overdue: z.boolean(),
  status: z.string(), maker: z.string(), makerInstitution: z.string(), submittedAt: timestamp, updatedAt: timestamp,
});
/** GET /approvals/inbox. Exact: the approvals inbox screen. */
const inboxPage = z.object({ page: z.number().int(), pageSize: z.number().int(), hasMore: z.boolean(), items: z.array(requestItem) });
/** GET /approvals/:id. Exact: the request screen (payload and result are the workflow type's own). */
const requestDetail = requestItem.extend({
  round: z.number().int(), actingInstitution: z.string().nullable(),
  payload: z.unknown().describe('what was asked, as the workflow type shows it'), result: z.unknown().describe('what the last approval applied, once approved'),
  steps: z.array(z.object({ stepNo: z.number().int(), roleCode: z.string(), roleName: z.object({ zh: z.string(), en: z.string() }).nullable(), actingInstitution: z.string(), timeLimitDays: z.number().int() })),
  history: z.array(z.object({
    round: z.number().int(), step: z.number().int(), decision: z.enum(['submit', 'approve', 'return', 'reject', 'withdraw']), reason: z.string().nullable(),
    at: timestamp, actor: z.string(), username: z.string(), onBehalfOf: z.string().nullable().describe('the delegator, when a delegate decided (代理审批)'),
  })),
  changes: z.array(z.object({ field: z.string(), old: z.string().nullable(), new: z.string().nullable() })).describe('old → new as of now, while pending'),
  can: z.object({ decide: z.boolean(), withdraw: z.boolean(), resubmit: z.boolean() }),
});

/** POST /approvals/:id/approve, return, reject. Exact: where the request stands after my decision. */
const decisionAnswer = z.object({
  requestId: z.number().int(), status: z.enum(['pending', 'approved', 'returned', 'rejected']).describe('pending: on to the next step'),
  step: z.number().int().describe('the step the request is now at'),
  result: z.record(z.string(), z.unknown()).nullable().describe('what the last approval applied (the workflow type\'s own result), else null'),
});
/** POST /approvals/:id/resubmit. Exact. */
const resubmitAnswer = z.object({ requestId: z.number().int(), status: z.literal('pending'), step: z.number().int(), round: z.number().int() });

export const approvalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/approvals/inbox', { schema: { tags, summary: 'Pending steps I can act on (my roles, institutions in my charge, not my own requests), most urgent first', querystring: inboxQuery, response: { 200: inboxPage } } },
    async (req) => listInbox(app.db, req.actor, req.query));

  app.get('/approvals/count', { schema: { tags, summary: 'Badge counts: steps I can act on, how many overdue, my requests returned to me', response: { 200: z.object({ pending: z.number().int(), overdue: z.number().int(), returnedToMe: z.number().int() }) } } },
    async (req) => countInbox(app.db, req.actor));

  app.get('/approvals/mine', { schema: { tags, summary: 'Requests I submitted, newest first', querystring: mineQuery } },
    async (req) => listMine(app.db, req.actor, req.query));

  app.get('/approvals/open', { schema: { tags, summary: 'Open requests about one subject (e.g. a customer) that I may see: its "under review" mark', querystring: subjectQuery } },
    async (req) => listOpenFor(app.db, req.actor, { type: req.query.subjectType, id: req.query.subjectId }));

  app.get('/approvals/steps', { config: { permission: 'approval.steps.manage' }, schema: { tags, summary: 'The approval steps of every type and institution level (level 0 = every level without its own)' } },
    async () => listSteps(app.db));

  app.put('/approvals/steps/:type/:level', { config: { permission: 'approval.steps.manage' }, schema: { tags, summary: 'Replace the steps of one type at one institution level (head office only, audited)', params: stepsParams, body: stepsBody } },
    async (req) => setSteps(app.db, req.actor, req.params.type, req.params.level, req.body.steps));

  app.get('/approvals/delegations', { schema: { tags, summary: 'Delegations (代理审批) I gave and those given to me' } },
    async (req) => listDelegations(app.db, req.actor));

  app.post('/approvals/delegations', { config: work, schema: { tags, summary: 'Delegate my approval steps to a colleague for a date range (audited)', body: delegationBody } },
    async (req, reply) => reply.code(201).send(await createDelegation(app.db, req.actor, req.body)));

  app.post('/approvals/delegations/:id/cancel', { config: work, schema: { tags, summary: 'Cancel one of my delegations (audited)', params: requestIdParams } },
    async (req) => cancelDelegation(app.db, req.actor, req.params.id));

  app.get('/approvals/:id', { schema: { tags, summary: 'One request: steps, history of decisions, old → new fields, what I may do', params: requestIdParams, response: { 200: requestDetail } } },
    async (req) => getRequest(app.db, req.actor, req.params.id));

  app.post('/approvals/:id/approve', { config: work, schema: { tags, summary: 'Approve the current step (the last step applies the request)', params: requestIdParams, body: approveBody, response: { 200: decisionAnswer } } },
    async (req) => decide(app.db, req.actor, req.params.id, { decision: 'approve', ...req.body }));

  app.post('/approvals/:id/return', { config: work, schema: { tags, summary: 'Return the request to its maker with a reason', params: requestIdParams, body: returnBody, response: { 200: decisionAnswer } } },
    async (req) => decide(app.db, req.actor, req.params.id, { decision: 'return', ...req.body }));

  app.post('/approvals/:id/reject', { config: work, schema: { tags, summary: 'Reject the request with a reason (ends it)', params: requestIdParams, body: returnBody, response: { 200: decisionAnswer } } },
    async (req) => decide(app.db, req.actor, req.params.id, { decision: 'reject', ...req.body }));

  app.post('/approvals/:id/withdraw', { config: work, schema: { tags, summary: 'The maker withdraws his pending or returned request', params: requestIdParams, body: withdrawBody } },
    async (req) => withdraw(app.db, req.actor, req.params.id, req.body.reason));

  app.post('/approvals/:id/resubmit', { config: work, schema: { tags, summary: 'The maker submits a returned request again (optionally corrected)', params: requestIdParams, body: resubmitBody, response: { 200: resubmitAnswer } } },
    async (req) => resubmit(app.db, req.actor, req.params.id, req.body.payload));

  app.post('/approvals/batch-approve', { config: work, schema: { tags, summary: 'Approve many, each checked and audited on its own; every refused item reported', body: batchApproveBody } },
    async (req) => {
      const results = await approveMany(app.db, req.actor, req.body.items);
      return {
        approved: results.filter((r) => r.ok).length,
        refused: results.filter((r) => !r.ok).length,
        items: results.map((r) => (r.ok ? { id: r.id, ok: true, status: r.status }
          : { id: r.id, ok: false, status: null, code: r.error.code, message: appErrorMessage(req.lang, r.error) })),
      };
    });
};
