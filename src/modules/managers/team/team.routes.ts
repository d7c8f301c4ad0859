// GET /api/managers/team: a head's team table (issue 14 item 8).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { teamTable } from './team.service.ts';

const money = z.string().describe('yuan to the fen, as text');
const teamRow = z.object({
  managerId: z.number().int(), name: z.string(), institutionId: z.number().int(), institution: z.string(),
  parentInstitution: z.string().nullable().describe('the institution above the team (teams are often named alike)'),
  status: z.string().describe('active, or disabled / left: a departed manager still holding customers'),
  primaryCustomers: z.number().int().describe('active customers he is primary manager (主办) of today'),
  assistedCustomers: z.number().int().describe('active customers he assists (协办, 助理) today'),
  deposits: money.describe("his primary customers' deposit balance"), depositMonthAvg: money.describe("their deposits' month-to-date daily average"),
  loans: money.describe("his primary customers' loan balance"), openAlerts: z.number().int().describe('maturity and large-change alerts open on his desk'),
});
export const teamTableResponse = z.object({
  asOf: z.string(), institution: z.object({ id: z.number().int(), name: z.string() }), items: z.array(teamRow).describe('largest deposits first'),
});

export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/managers/team', { config: { permission: ['report.read', 'performance.read'] }, schema: { tags: ['managers'],
    summary: "A head's team: every customer manager homed in my charge with his customers, their deposits, month average and loans, and his open alerts",
    response: { 200: teamTableResponse } } },
  async (req) => teamTable(app.db, req.actor));
};
