// The workbench's morning figures (issue 12, item 5): a customer manager's book — the customers he
// serves — or, for a head, his institution's (所辖机构), each as deposits, loans, wealth products
// and AUM with the change since yesterday and since month start, a balance trend, and for heads
// a breakdown by sub-branch and by team. The rules are in docs/workbench.md; the SQL in book.queries.ts.
import type { Executor } from '../../../db/database.ts';
import { forbidden } from '../../../common/http/errors.ts';
import { can, type Actor } from '../../auth/actor.ts';
import {
  compareDates, currenciesOn, FIGURE_NAMES, institutionFigures, institutionTrend, managerCustomerCount, managerFigures, managerTrend, unitFigures,
  type FigureName, type FigureRow, type UnitFigureRow,
} from './book.queries.ts';
import type { BookBreakdown, BookSummary, BookUnit, Figures } from './book.schema.ts';

/** The trend's span: about a quarter up to the latest loaded day, as on the customer view. */
const TREND_DAYS = 90;
const shiftDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A head's figures cover institutions, which (with few customers) are those customers' balances: the report permissions of institution averages. */
const mayReadInstitution = (actor: Actor) => actor.dataScope === 'institution' && (can(actor, 'report.read') || can(actor, 'performance.read'));

function toFigures(rows: FigureRow[]): Figures {
  const by = new Map(rows.map((r) => [r.figure, r]));
  const one = (f: FigureName) => {
    const r = by.get(f)!;
    return { balance: r.balance, sinceYesterday: r.since_yesterday, sinceMonthStart: r.since_month_start };
  };
  return Object.fromEntries(FIGURE_NAMES.map((f) => [f, one(f)])) as Figures;
}

function toTrend(rows: { day: string; figure: FigureName; balance: string }[]) {
  const days = new Map<string, { date: string; deposits: string; loans: string; aum: string }>();
  for (const r of rows) {
    const p = days.get(r.day) ?? { date: r.day, deposits: '0.00', loans: '0.00', aum: '0.00' };
    if (r.figure !== 'wealth') p[r.figure] = r.balance;
    days.set(r.day, p);
  }
  return [...days.values()];
}

/**
 * My figures: a manager's ('own' data scope) book, or a head's institution. Institution-wide
 * staff without a report permission (an entry clerk) get no figures (403): they are not theirs to read.
 */
export async function bookSummary(db: Executor, actor: Actor, currency: string): Promise<BookSummary> {
  const view = actor.dataScope === 'own' ? 'manager' : 'institution';
  if (view === 'institution' && !mayReadInstitution(actor)) throw forbidden('report.read');
  const dates = await compareDates(db);
  const institution = view === 'institution'
    ? await db.selectFrom('institution').select(['id', 'name']).where('id', '=', actor.managingInstitutionId).executeTakeFirstOrThrow()
    : null;
  const customers = view === 'manager' ? await managerCustomerCount(db, actor) : null;
  const empty = { view, institution, currency, currencies: [], ...dates, customers, totals: null, trend: [] } satisfies BookSummary;
  if (dates.asOf === null) return empty;
  const d = { ...dates, asOf: dates.asOf };
  const from = shiftDays(d.asOf, 1 - TREND_DAYS);
  const [figures, trend, currencies] = view === 'manager'
    ? await Promise.all([managerFigures(db, actor, currency, d), managerTrend(db, actor, currency, from, d.asOf), currenciesOn(db, actor, d.asOf, 'own')])
    : await Promise.all([institutionFigures(db, actor, currency, d), institutionTrend(db, actor, currency, from, d.asOf), currenciesOn(db, actor, d.asOf, 'institution')]);
  return { ...empty, currencies, totals: toFigures(figures), trend: toTrend(trend) };
}

function toUnits(rows: UnitFigureRow[]): BookUnit[] {
  const units = new Map<number, BookUnit>();
  for (const r of rows) {
    const u = units.get(r.unit_id) ?? ({ id: r.unit_id, name: r.name, parentName: r.parent_name, kind: r.kind, direct: r.direct } as BookUnit);
    if (r.figure !== 'wealth') u[r.figure] = { balance: r.balance, sinceMonthStart: r.since_month_start };
    units.set(r.unit_id, u);
  }
  // The head's own institution as a unit only when accounts are booked on it directly: a branch
  // office usually books none, and a row of zeros is noise on a morning page.
  const zero = (u: BookUnit) => [u.deposits, u.loans, u.aum].every((f) => /^0\.00$/.test(f.balance) && (f.sinceMonthStart === null || /^0\.00$/.test(f.sinceMonthStart)));
  return [...units.values()].filter((u) => !(u.direct && zero(u)));
}

/** A head's institution by sub-branch (the institutions directly below his) and by team. */
export async function bookBreakdown(db: Executor, actor: Actor, currency: string): Promise<BookBreakdown> {
  if (!mayReadInstitution(actor)) throw forbidden('report.read');
  const institution = await db.selectFrom('institution').select(['id', 'name']).where('id', '=', actor.managingInstitutionId).executeTakeFirstOrThrow();
  const dates = await compareDates(db);
  const base = { institution, currency, asOf: dates.asOf, monthBase: dates.monthBase };
  if (dates.asOf === null) return { ...base, children: [], teams: [] };
  const d = { ...dates, asOf: dates.asOf };
  const [children, teams] = await Promise.all([unitFigures(db, actor, currency, d, 'children'), unitFigures(db, actor, currency, d, 'teams')]);
  return { ...base, children: toUnits(children), teams: toUnits(teams) };
}
