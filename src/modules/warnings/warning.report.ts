// WARN-4 (4.5.4) the factor analysis: which indicators drove the crisis warnings, by month raised
// and institution, and how the warnings ended (retained, lost, false alarm, still open, withdrawn)
// — within the reader's scope, read the same way as the list. An alert's factors are those of its
// latest score (kept while it is open), so a warning counts under what drove it at its worst or last.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import type { FactorAnalysisQuery } from './warning.schema.ts';

function scope(actor: Actor) {
  if (actor.kind === 'system' || actor.dataScope === 'institution') {
    return sql`al.assignee_institution_id in (select scope_i.id from institution scope_i where scope_i.path like ${actor.scopePath + '%'})`;
  }
  return sql`exists (select 1 from customer cu where cu.id = al.customer_id and ${customerInScope(actor, 'cu')})`;
}

export async function factorAnalysis(db: Executor, actor: Actor, q: FactorAnalysisQuery) {
  const from = `${q.from}-01`;
  const to = `${q.to}-01`;
  const window = sql`al.raised_on >= ${from}::date and al.raised_on < (${to}::date + interval '1 month')`;
  const factors = await sql<{ month: string; institution_id: number; institution_name: string; code: string; alerts: number; points: number }>`
    select to_char(al.raised_on, 'YYYY-MM') as month, al.assignee_institution_id as institution_id, i.name as institution_name,
           f->>'code' as code, count(*)::int as alerts, sum((f->>'points')::int)::int as points
      from warning_alert al cross join jsonb_array_elements(al.factors) f join institution i on i.id = al.assignee_institution_id
     where ${window} and ${scope(actor)}
     group by 1, 2, 3, 4 order by 1, 2, points desc`.execute(db);
  const outcomes = await sql<{ month: string; outcome: string; top_level: 'yellow' | 'orange' | 'red'; alerts: number }>`
    select to_char(al.raised_on, 'YYYY-MM') as month, coalesce(al.result, al.status) as outcome, al.top_level, count(*)::int as alerts
      from warning_alert al where ${window} and ${scope(actor)} group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  return {
    factors: factors.rows.map((r) => ({ month: r.month, institutionId: r.institution_id, institutionName: r.institution_name, code: r.code, alerts: r.alerts, points: r.points })),
    outcomes: outcomes.rows.map((r) => ({ month: r.month, outcome: r.outcome, topLevel: r.top_level, alerts: r.alerts })),
  };
}
