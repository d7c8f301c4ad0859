// Row checks of a customer import, the same rules as opening one customer on the screen: each
// cell through its field's zod format (customer.schema.ts), then normaliseCustomer with the code
// tables loaded once, then the existence check against the database and duplicates within the
// file. Every error of every row is collected; nothing stops at the first.
import { sql } from 'kysely';
import { z } from 'zod';
import { singleLineText } from '../../../common/text.ts';
import type { Database } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { hasMessage, t, type Lang } from '../../../common/i18n/i18n.ts';
import type { Actor } from '../../auth/actor.ts';
import { institutionInScope } from '../../org/scope.ts';
import type { BulkCustomer } from './bulk-insert.ts';
import { customerInScope } from '../customer.queries.ts';
import { createCorporateBody, createPersonalBody, identityInput } from '../customer.schema.ts';
import { coerceCell, type ImportColumn } from './import.columns.ts';
import { columnLetter, type CellError, type Mapped } from './import.read.ts';
import { codeTablesOf, loadCodeSets, normaliseCustomer } from '../validate.ts';

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() };

interface RowDraft { row: number; input: Record<string, unknown>; values: Map<string, unknown>; slots: number[]; institutionCode?: string; legalRepNo?: string; errored: Set<string> }

/** The zod schema of one column: the create schema's own field, or the identity document's. */
function schemaOf(kind: 'personal' | 'corporate', key: string): z.ZodType | undefined {
  const id = /^(idType|idNumber|idExpiresOn)\d$/.exec(key)?.[1];
  if (id) return identityInput.shape[id === 'idExpiresOn' ? 'expiresOn' : (id as 'idType' | 'idNumber')];
  if (key === 'institutionCode' || key === 'legalRepCustomerNo') return singleLineText().max(20);
  const shape = (kind === 'personal' ? createPersonalBody : createCorporateBody).shape as Record<string, z.ZodType>;
  return shape[key];
}

export async function validateCustomerRows(db: Database, actor: Actor, kind: 'personal' | 'corporate', columns: readonly ImportColumn[], mapped: Mapped, lang: Lang) {
  const errors: CellError[] = [];
  const colByKey = new Map(columns.map((c) => [c.key, c]));
  const at = (row: number, key: string) => ({ row, column: mapped.indexOf.has(key) ? columnLetter(mapped.indexOf.get(key)!) : '', field: key, header: colByKey.get(key)?.zh ?? key });

  // 1. Cells: type, then the field's zod format.
  const drafts: RowDraft[] = mapped.dataRows.map(({ row, cells }) => {
    const d: RowDraft = { row, input: { kind }, values: new Map(), slots: [], errored: new Set() };
    const put = (key: string, code: string, params?: Record<string, unknown>, value?: unknown, message?: string) => {
      errors.push({ ...at(row, key), code, params, value, message });
      d.errored.add(key);
    };
    const values = d.values;
    for (const [key, index] of mapped.indexOf) {
      const col = colByKey.get(key)!;
      const c = coerceCell(col, cells[index]);
      if ('error' in c) { put(key, c.error.code, c.error.params, cells[index]); continue; }
      if (c.value === undefined) continue;
      const parsed = schemaOf(kind, key)?.safeParse(c.value, { error: zodLocales[lang].localeError });
      if (parsed && !parsed.success) {
        const issue = parsed.error.issues[0]!;
        const isKey = hasMessage(issue.message);
        const params = issue.code === 'custom' ? issue.params : undefined;
        put(key, isKey ? issue.message : issue.code, params, c.value, isKey ? t(lang, issue.message, params) : issue.message);
        continue;
      }
      values.set(key, parsed ? parsed.data : c.value);
    }
    for (const col of columns) {
      if (col.required && !values.has(col.key) && !d.errored.has(col.key) && !/^id(Type|Number)1$/.test(col.key)) put(col.key, 'customers.import.required');
    }
    const identities: Record<string, unknown>[] = [];
    for (const n of kind === 'personal' ? [1, 2, 3] : []) {
      const [type, number, expires] = [`idType${n}`, `idNumber${n}`, `idExpiresOn${n}`];
      const given = [type, number, expires].some((k) => values.has(k) || d.errored.has(k));
      if (!given && n > 1) continue;
      for (const k of [type, number]) if (!values.has(k) && !d.errored.has(k)) put(k, 'customers.import.required');
      if (values.has(type) && values.has(number)) {
        identities.push({ idType: values.get(type), idNumber: values.get(number), expiresOn: values.get(expires) ?? null });
        d.slots.push(n);
      }
    }
    for (const [key, v] of values) {
      if (key === 'institutionCode') d.institutionCode = String(v);
      else if (key === 'legalRepCustomerNo') d.legalRepNo = String(v);
      else if (!/^id(Type|Number|ExpiresOn)\d$/.test(key)) d.input[key] = v;
    }
    if (kind === 'personal') d.input.identities = identities;
    return d;
  });

  // 2. Institutions and legal representatives, each resolved in one query.
  const defaultInstitution = actor.kind === 'user' ? actor.institutionId! : actor.managingInstitutionId;
  const codes = [...new Set(drafts.flatMap((d) => (d.institutionCode ? [d.institutionCode] : [])))];
  const institutions = await db.selectFrom('institution').select(['id', 'code', 'status'])
    .where((eb) => eb.or([eb('code', '=', eb.fn.any(eb.val(codes))), eb('id', '=', defaultInstitution)]))
    .where(institutionInScope(actor, 'institution.id')).execute();
  const instByCode = new Map(institutions.map((i) => [i.code, i]));
  const repNos = [...new Set(drafts.flatMap((d) => (d.legalRepNo ? [d.legalRepNo] : [])))];
  const reps = repNos.length
    ? await db.selectFrom('customer').select(['id', 'customer_no', 'kind', 'status']).where('customer_no', '=', (eb) => eb.fn.any(eb.val(repNos))).where(customerInScope(actor)).execute()
    : [];
  const repByNo = new Map(reps.map((r) => [r.customer_no, r]));

  // 3. Customer rules, with the code tables loaded once for the whole file.
  const codeSets = await loadCodeSets(db, codeTablesOf(kind));
  const today = businessToday();
  const rows: (BulkCustomer & { row: number; slots: number[] })[] = [];
  for (const d of drafts) {
    const put = (key: string, code: string, params?: Record<string, unknown>) => { errors.push({ ...at(d.row, key), code, params, value: d.values.get(key) }); d.errored.add(key); };
    const inst = d.institutionCode ? instByCode.get(d.institutionCode) : institutions.find((i) => i.id === defaultInstitution);
    if (!inst) put('institutionCode', 'customers.import.institution_unknown', { code: d.institutionCode ?? '' });
    else if (inst.status !== 'active') put('institutionCode', 'org.user.institution_inactive');
    if (d.legalRepNo) {
      const rep = repByNo.get(d.legalRepNo);
      if (!rep || rep.kind !== 'personal' || rep.status !== 'active') put('legalRepCustomerNo', 'customers.legal_rep_invalid');
      else d.input.legalRepCustomerId = rep.id;
    }
    const n = normaliseCustomer(kind, d.input, codeSets, today);
    for (const e of n.errors) {
      const m = /^identities\.(\d)\.(idType|idNumber|expiresOn)$/.exec(e.path);
      const key = m ? (m[2] === 'expiresOn' ? 'idExpiresOn' : m[2]!) + d.slots[Number(m[1])] : e.path;
      if (!d.errored.has(key)) put(key, e.code, e.params);
    }
    rows.push({ row: d.row, slots: d.slots, kind, name: d.input.name as string, institutionId: inst?.id ?? 0, values: n.values, identities: n.identities,
      scale: (d.input.scale as BulkCustomer['scale']) ?? null });
  }

  // 4. Existence (CIF-1) against the database and within the file.
  await checkExistence(db, actor, kind, rows, (row, key, code, params, value) => errors.push({ ...at(row, key), code, params, value }));
  return { rows, errors };
}

type Report = (row: number, key: string, code: string, params: Record<string, unknown>, value: unknown) => void;

async function checkExistence(db: Database, actor: Actor, kind: 'personal' | 'corporate', rows: (BulkCustomer & { row: number; slots: number[] })[], report: Report) {
  const CHUNK = 10_000;
  if (kind === 'personal') {
    const firstRow = new Map<string, number>();
    const docs: { key: string; row: number; column: string; idType: string; idNumber: string }[] = [];
    for (const r of rows) {
      (r.identities ?? []).forEach((doc, i) => {
        const key = `${doc.idType}:${doc.idNumber}`;
        const column = `idNumber${r.slots[i]}`;
        const seen = firstRow.get(key);
        if (seen !== undefined && seen !== r.row) report(r.row, column, 'customers.import.duplicate_in_file', { row: seen }, doc.idNumber);
        else firstRow.set(key, r.row);
        docs.push({ key, row: r.row, column, ...doc });
      });
    }
    const held = new Map<string, { customer_no: string; name: string; visible: boolean }>();
    for (let i = 0; i < docs.length; i += CHUNK) {
      const part = docs.slice(i, i + CHUNK);
      const found = await sql<{ id_type: string; id_number: string; customer_no: string; name: string; visible: boolean }>`
        select ci.id_type, ci.id_number, c.customer_no, c.name, ${customerInScope(actor, 'c')} as visible from customer_identity ci join customer c on c.id = ci.customer_id
        where (ci.id_type, ci.id_number) in (select * from unnest(${part.map((d) => d.idType)}::text[], ${part.map((d) => d.idNumber)}::text[]))`.execute(db);
      for (const f of found.rows) held.set(`${f.id_type}:${f.id_number}`, f);
    }
    for (const d of docs) {
      const h = held.get(d.key);
      // A holder outside the importer's charge is not named (the check is bank-wide, the names are not).
      if (h) report(d.row, d.column, h.visible ? 'customers.exists' : 'customers.exists_elsewhere', h.visible ? { customerNo: h.customer_no, name: h.name } : {}, d.idNumber);
    }
    return;
  }
  // The organisation code is part of the credit code: a row already refused for its credit code
  // is not refused a second time for the organisation code derived from it.
  const refused = new Set<number>();
  for (const [field, column] of [['creditCode', 'credit_code'], ['organizationCode', 'organization_code']] as const) {
    const firstRow = new Map<string, number>();
    const given = rows.filter((r) => typeof r.values[field] === 'string' && r.values[field] && !refused.has(r.row));
    for (const r of given) {
      const v = r.values[field] as string;
      const seen = firstRow.get(v);
      if (seen !== undefined) { report(r.row, field, 'customers.import.duplicate_in_file', { row: seen }, v); refused.add(r.row); }
      else firstRow.set(v, r.row);
    }
    const values = [...firstRow.keys()];
    const held = new Map<string, { customer_no: string; name: string; visible: boolean }>();
    for (let i = 0; i < values.length; i += CHUNK) {
      const found = await sql<{ v: string; customer_no: string; name: string; visible: boolean }>`
        select cc.${sql.ref(column)} as v, c.customer_no, c.name, ${customerInScope(actor, 'c')} as visible from corporate_customer cc join customer c on c.id = cc.customer_id
        where cc.${sql.ref(column)} = any(${values.slice(i, i + CHUNK)}::text[])`.execute(db);
      for (const f of found.rows) held.set(f.v, f);
    }
    for (const r of given) {
      const h = held.get(r.values[field] as string);
      if (h && !refused.has(r.row)) {
        report(r.row, field, h.visible ? 'customers.exists' : 'customers.exists_elsewhere', h.visible ? { customerNo: h.customer_no, name: h.name } : {}, r.values[field]);
        refused.add(r.row);
      }
    }
  }
}
