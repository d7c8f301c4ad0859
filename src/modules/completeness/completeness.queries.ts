// The records the completeness checks read, for a batch of customers in one statement: the
// customer, its detail row, whether it has a primary manager, a loan, credit information and a
// current business licence, and its opening date (first account opened, else the day it was
// created in the bank's time zone).
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { BANK_TIMEZONE } from '../../common/business-date.ts';
import type { CustomerFacts } from './completeness.items.ts';

// Field keys (the customer API's names) each item needs, per kind.
const PERSONAL_BASIC = { gender: 'p.gender', birthDate: 'p.birth_date', nationality: 'p.nationality', mobile: 'p.mobile' } as const;
const PERSONAL_DETAIL = { occupation: 'p.occupation', employer: 'p.employer', homeAddress: 'p.home_address', monthlyIncome: 'p.monthly_income' } as const;
const CORPORATE_BASIC = { creditCode: 'k.credit_code', registrationType: 'k.registration_type', enterpriseNature: 'k.enterprise_nature', legalRepCustomerId: 'k.legal_rep_customer_id', registeredAddress: 'k.registered_address' } as const;
const CORPORATE_DETAIL = { businessScope: 'k.business_scope', establishedOn: 'k.established_on', registeredCapital: 'k.registered_capital', industryCode: 'k.industry_code', officePhone: 'k.office_phone' } as const;

const cols = (m: Record<string, string>) => Object.entries(m).map(([k, c]) => sql`${sql.ref(c)} as ${sql.ref(k)}`);
const missingOf = (row: Record<string, unknown>, m: Record<string, string>) => Object.keys(m).filter((k) => row[k] == null || row[k] === '');

export async function loadFacts(db: Executor, ids: number[]): Promise<CustomerFacts[]> {
  if (ids.length === 0) return [];
  const r = await sql<Record<string, unknown>>`
    select c.id, c.customer_no, c.name, c.kind, c.institution_id,
      coalesce((select min(a.opened_on) from account a where a.customer_id = c.id), (c.created_at at time zone ${BANK_TIMEZONE})::date)::text as opened_on,
      (select m.user_id from customer_manager m where m.customer_id = c.id and m.role = 'primary' and m.ends_on is null) as primary_manager_id,
      k.scale,
      exists (select 1 from account a where a.customer_id = c.id and a.kind = 'loan' and a.status <> 'closed') as has_loan,
      exists (select 1 from customer_identity ci where ci.customer_id = c.id) as has_identity,
      exists (select 1 from financial_statement x where x.customer_id = c.id) as financial,
      exists (select 1 from customer_non_financial x where x.customer_id = c.id) as non_financial,
      exists (select 1 from customer_investment x where x.customer_id = c.id) as investments,
      exists (select 1 from correspondent_bank_account x where x.customer_id = c.id) as correspondent,
      exists (select 1 from certificate x where x.customer_id = c.id and x.cert_type = '01' and x.status = 'current') as business_licence,
      ${sql.join([...cols(PERSONAL_BASIC), ...cols(PERSONAL_DETAIL), ...cols(CORPORATE_BASIC), ...cols(CORPORATE_DETAIL)])}
    from customer c
    left join personal_customer p on p.customer_id = c.id
    left join corporate_customer k on k.customer_id = c.id
    where c.id = any(${sql.val(ids)}::bigint[])
    order by c.id`.execute(db);
  return r.rows.map((row) => {
    const personal = row.kind === 'personal';
    const basicMissing = personal ? missingOf(row, PERSONAL_BASIC) : missingOf(row, CORPORATE_BASIC);
    if (personal && !row.has_identity) basicMissing.unshift('identities');
    return {
      id: Number(row.id), customerNo: String(row.customer_no), name: String(row.name), kind: row.kind as 'personal' | 'corporate',
      institutionId: Number(row.institution_id), openedOn: String(row.opened_on),
      hasPrimaryManager: row.primary_manager_id != null, primaryManagerId: row.primary_manager_id == null ? null : Number(row.primary_manager_id),
      scale: (row.scale as string | null) ?? null, hasLoan: !!row.has_loan,
      basicMissing, detailMissing: personal ? missingOf(row, PERSONAL_DETAIL) : missingOf(row, CORPORATE_DETAIL),
      financial: !!row.financial, nonFinancial: !!row.non_financial, investments: !!row.investments, correspondent: !!row.correspondent,
      businessLicence: !!row.business_licence,
    };
  });
}
