// Shapes of the workbench's book figures (issue 12, item 5): request, and the response schemas
// that describe them in the OpenAPI document (and check what the server sends).
import { z } from 'zod';

export const bookQuery = z.strictObject({
  // ISO 4217 letters; a figure never adds yuan to dollars, so one currency per request.
  currency: z.string({ error: 'book.currency_format' }).regex(/^[A-Z]{3}$/, 'book.currency_format').default('CNY'),
});
export type BookQuery = z.infer<typeof bookQuery>;

const money = z.string().describe('yuan to the fen, as text');
const change = money.nullable().describe('balance − the compared day; null when that day was not loaded');

export const figure = z.object({
  balance: money,
  sinceYesterday: change,
  sinceMonthStart: change,
});
export type Figure = z.infer<typeof figure>;

export const figures = z.object({ deposits: figure, loans: figure, wealth: figure, aum: figure.describe('assets under management: deposits + wealth products') });
export type Figures = z.infer<typeof figures>;

const trendPoint = z.object({ date: z.string(), deposits: money, loans: money, aum: money });

export const bookSummary = z.object({
  view: z.enum(['manager', 'institution']).describe("manager: the customers I serve; institution: my institution's (所辖机构) accounts"),
  institution: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  currency: z.string(),
  currencies: z.array(z.string()).describe('currencies with figures on the latest day'),
  asOf: z.string().nullable().describe('latest business date loaded; null before the first feed'),
  yesterday: z.string().nullable().describe('the business date loaded before asOf'),
  monthBase: z.string().nullable().describe("the last business date loaded before asOf's month (the month-start position)"),
  customers: z.number().int().nullable().describe('manager view: active customers I serve'),
  totals: figures.nullable(),
  trend: z.array(trendPoint).describe('manager: every calendar day of the 90 up to asOf; institution: every loaded day'),
});
export type BookSummary = z.infer<typeof bookSummary>;

const unit = z.object({
  id: z.number().int(), name: z.string(), kind: z.enum(['marketing', 'statistical']),
  parentName: z.string().nullable().describe("teams: the institution above (teams are often named alike)"),
  direct: z.boolean().describe("the head's own institution, its directly booked accounts only"),
  deposits: figure.omit({ sinceYesterday: true }), loans: figure.omit({ sinceYesterday: true }), aum: figure.omit({ sinceYesterday: true }),
});
export type BookUnit = z.infer<typeof unit>;

export const bookBreakdown = z.object({
  institution: z.object({ id: z.number().int(), name: z.string() }),
  currency: z.string(),
  asOf: z.string().nullable(),
  monthBase: z.string().nullable(),
  children: z.array(unit).describe('each institution directly below mine, with its subtree; and mine for its own accounts'),
  teams: z.array(unit).describe('every marketing team (营销团队) in my charge'),
});
export type BookBreakdown = z.infer<typeof bookBreakdown>;
