// The customers file (CIF-7, CIF-8): unknown numbers open core-created customers through the
// import's bulk path, with the same checks; known numbers get the fields the core owns
// (ownership.ts), each change kept in the customer's history with source 'feed'.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { bulkInsertCustomers, type BulkCustomer } from '../customers/bulk-insert.ts';
import { loadCodeSets, normaliseCustomer, type CodeSets } from '../customers/validate.ts';
import { searchTerms } from '../customers/search-terms.ts';
import { coreOwnedFields } from './ownership.ts';
import { feedDate, type FeedRecord, type Rejection } from './read-file.ts';

const CHUNK = 5000;
type Kind = 'personal' | 'corporate';

interface Parsed { line: number; customerNo: string; kind: Kind; name: string; idType: string; idNo: string; values: Record<string, unknown>; institutionCode: string }

// Where a validation error of a customer field points in the file.
const FIELD_OF: Record<string, string> = {
  gender: 'gender', birthDate: 'birth_date', nationality: 'nationality', mobile: 'mobile', homeAddress: 'address', registeredAddress: 'address',
  homePostcode: 'postcode', officePostcode: 'postcode', creditCode: 'id_no', organizationCode: 'id_no',
};
const fieldOfPath = (path: string) => (path.startsWith('identities') ? (path.endsWith('idType') ? 'id_type' : 'id_no') : FIELD_OF[path] ?? path);

export class CustomerFeed {
  private codes!: CodeSets;
  private institutions!: Map<string, number>;
  private seenNos = new Set<string>();
  private seenIds = new Set<string>();
  private chunk: Parsed[] = [];
  readonly counts = { opened: 0, updated: 0, fieldsChanged: 0, skippedDeleted: 0 };
  private today: string;

  constructor(private tx: Tx, private actor: Actor, private file: string, private reject: (r: Rejection) => void, businessDate: string) {
    this.today = businessDate;
  }

  async init() {
    this.codes = await loadCodeSets(this.tx, ['gender', 'country', 'id_type']);
    const inst = await this.tx.selectFrom('institution').select(['code', 'id']).execute();
    this.institutions = new Map(inst.map((i) => [i.code.toUpperCase(), i.id]));
  }

  async add(rec: FeedRecord) {
    const [customerNo, kindCode, name, idType, idNo, idExpires, gender, birth, nationality, mobile, address, postcode, institutionCode] = rec.values as string[];
    const bad = (field: string, code: string, value?: string) => { this.reject({ file: this.file, line: rec.line, field, code, value }); };
    let ok = true;
    if (!/^\d{1,11}$/.test(customerNo!)) { bad('customer_no', 'feed.customer_no'); ok = false; }
    else if (this.seenNos.has(customerNo!)) { bad('customer_no', 'feed.duplicate_in_file', customerNo); ok = false; }
    const kind: Kind | null = kindCode === '1' ? 'personal' : kindCode === '2' ? 'corporate' : null;
    if (!kind) { bad('kind', 'feed.code_unknown', kindCode); ok = false; }
    if (!name || name.length > 160) { bad('name', name ? 'feed.too_long' : 'feed.required'); ok = false; }
    const dates: Record<string, string | null> = {};
    for (const [field, v] of [['id_expires_on', idExpires], ['birth_date', birth]] as const) {
      dates[field] = v ? feedDate(v!) : null;
      if (v && !dates[field]) { bad(field, 'feed.date_format', v); ok = false; }
    }
    if (!ok || !kind) return;
    this.seenNos.add(customerNo!);
    const values: Record<string, unknown> = {};
    if (kind === 'personal') {
      if (gender) values.gender = gender;
      if (dates.birth_date) values.birthDate = dates.birth_date;
      if (nationality) values.nationality = nationality;
      if (mobile) values.mobile = mobile;
      if (address) values.homeAddress = address;
      if (postcode) values.homePostcode = postcode;
      values.idExpiresOn = dates.id_expires_on;
    } else {
      if (idNo) values.creditCode = idNo;
      if (address) values.registeredAddress = address;
      if (postcode) values.officePostcode = postcode;
    }
    this.chunk.push({ line: rec.line, customerNo: customerNo!, kind, name: name!, idType: idType!, idNo: idNo!, values, institutionCode: institutionCode!.toUpperCase() });
    if (this.chunk.length >= CHUNK) await this.flush();
  }

  /** Validates and applies the buffered rows. */
  async flush() {
    const rows = this.chunk; this.chunk = [];
    if (!rows.length) return;
    const existing = await sql<{ customer_no: string; id: number; kind: Kind; origin: 'core' | 'crm'; name: string; status: string; merged_into: number | null }>`
      select c.customer_no, s.id, s.kind, s.origin, s.name, s.status, c.merged_into
      from customer c join customer s on s.id = coalesce(c.merged_into, c.id)
      where c.customer_no = any(${rows.map((r) => r.customerNo)}::text[])`.execute(this.tx);
    const known = new Map(existing.rows.map((r) => [r.customer_no, r]));
    const fresh: { row: Parsed; bulk: BulkCustomer }[] = [];
    const updates: { row: Parsed; id: number; kind: Kind; origin: 'core' | 'crm'; name: string }[] = [];
    for (const row of rows) {
      const input: Record<string, unknown> = { ...row.values };
      delete input.idExpiresOn;
      if (row.kind === 'personal' && row.idNo) input.identities = [{ idType: row.idType, idNumber: row.idNo, expiresOn: row.values.idExpiresOn ?? null }];
      const n = normaliseCustomer(row.kind, input, this.codes, this.today);
      for (const e of n.errors) this.reject({ file: this.file, line: row.line, field: fieldOfPath(e.path), code: e.code, params: e.params });
      if (n.errors.length) continue;
      const hit = known.get(row.customerNo);
      if (hit) {
        if (hit.kind !== row.kind) { this.reject({ file: this.file, line: row.line, field: 'kind', code: 'feed.kind_change' }); continue; }
        // A customer deleted in the CRM is not revived or refreshed by a data feed; the row is counted.
        if (hit.status === 'deleted') { this.counts.skippedDeleted++; continue; }
        updates.push({ row: { ...row, values: { ...n.values, idExpiresOn: row.values.idExpiresOn, identity: n.identities?.[0] } }, id: hit.id, kind: hit.kind, origin: hit.origin, name: hit.name });
        continue;
      }
      const institutionId = this.institutions.get(row.institutionCode);
      if (!institutionId) { this.reject({ file: this.file, line: row.line, field: 'institution_code', code: 'feed.institution_unknown', value: row.institutionCode }); continue; }
      if (row.kind === 'personal' && !n.identities?.length) { this.reject({ file: this.file, line: row.line, field: 'id_no', code: 'feed.required' }); continue; }
      const idKey = row.kind === 'personal' ? `${n.identities![0]!.idType}:${n.identities![0]!.idNumber}` : `credit:${n.values.creditCode ?? ''}`;
      if (idKey !== 'credit:' && this.seenIds.has(idKey)) { this.reject({ file: this.file, line: row.line, field: 'id_no', code: 'feed.duplicate_in_file' }); continue; }
      this.seenIds.add(idKey);
      fresh.push({ row, bulk: { kind: row.kind, name: row.name, institutionId, values: n.values, identities: n.identities, customerNo: row.customerNo } });
    }
    await this.openFresh(fresh);
    for (const u of updates) await this.update(u);
  }

  /** Existence check (one document / credit code = one customer, bank-wide), then the bulk path. */
  private async openFresh(fresh: { row: Parsed; bulk: BulkCustomer }[]) {
    if (!fresh.length) return;
    const docs = fresh.filter((f) => f.bulk.identities?.length);
    const held = docs.length ? await sql<{ k: string }>`
      select i.id_type || ':' || i.id_number as k from customer_identity i join customer c on c.id = i.customer_id
      where c.status <> 'merged' and (i.id_type, i.id_number) in (select * from unnest(${docs.map((d) => d.bulk.identities![0]!.idType)}::text[], ${docs.map((d) => d.bulk.identities![0]!.idNumber)}::text[]))`.execute(this.tx) : { rows: [] };
    const codes = fresh.flatMap((f) => (typeof f.bulk.values.creditCode === 'string' ? [f.bulk.values.creditCode] : []));
    const heldCodes = codes.length ? await sql<{ k: string }>`
      select 'credit:' || credit_code as k from corporate_customer where credit_code = any(${codes}::text[])`.execute(this.tx) : { rows: [] };
    const taken = new Set([...held.rows, ...heldCodes.rows].map((r) => r.k));
    const ok = fresh.filter((f) => {
      const key = f.bulk.identities?.length ? `${f.bulk.identities[0]!.idType}:${f.bulk.identities[0]!.idNumber}` : `credit:${f.bulk.values.creditCode ?? ''}`;
      if (!taken.has(key)) return true;
      this.reject({ file: this.file, line: f.row.line, field: 'id_no', code: 'feed.customer_exists' });
      return false;
    });
    if (!ok.length) return;
    await bulkInsertCustomers(this.tx, this.actor, ok.map((f) => f.bulk), { source: 'feed', flagDuplicates: true });
    this.counts.opened += ok.length;
  }

  /** Applies the core-owned fields that differ; everything else is left as the CRM has it. */
  private async update(u: { row: Parsed; id: number; kind: Kind; origin: 'core' | 'crm'; name: string }) {
    const owned = new Set(coreOwnedFields(u.kind, u.origin));
    const v = u.row.values;
    const detailTable = u.kind === 'personal' ? 'personal_customer' : 'corporate_customer';
    const columns: Record<string, string> = u.kind === 'personal'
      ? { gender: 'gender', birthDate: 'birth_date', nationality: 'nationality', mobile: 'mobile', homeAddress: 'home_address', homePostcode: 'home_postcode' }
      : { registeredAddress: 'registered_address', officePostcode: 'office_postcode' };
    const current = await sql<Record<string, string | null>>`select * from ${sql.table(detailTable)} where customer_id = ${u.id}`.execute(this.tx);
    const cur = current.rows[0] ?? {};
    const changes: { field: string; old: string | null; new: string | null }[] = [];
    const set: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(columns)) {
      if (!owned.has(key) || !(key in v)) continue;
      const after = v[key] == null ? null : String(v[key]);
      const before = cur[column] == null ? null : String(cur[column]);
      if (after !== before) { changes.push({ field: key, old: before, new: after }); set[column] = after; }
    }
    if (u.kind === 'personal') {
      const doc = v.identity as { idType: string; idNumber: string } | undefined;
      const first = await this.tx.selectFrom('customer_identity').select(['id_type', 'id_number', 'expires_on']).where('customer_id', '=', u.id).orderBy('seq').executeTakeFirst();
      if (doc && first && (doc.idType !== first.id_type || doc.idNumber !== first.id_number)) {
        this.reject({ file: this.file, line: u.row.line, field: 'id_no', code: 'feed.identity_change' });
        return;
      }
      const expires = (v.idExpiresOn as string | null) ?? null;
      if (owned.has('idExpiresOn') && first && expires !== first.expires_on) {
        changes.push({ field: 'idExpiresOn', old: first.expires_on, new: expires });
        await this.tx.updateTable('customer_identity').set({ expires_on: expires }).where('customer_id', '=', u.id).where('id_type', '=', first.id_type).where('id_number', '=', first.id_number).execute();
      }
    }
    if (u.kind === 'corporate' && typeof v.creditCode === 'string' && cur.credit_code && v.creditCode !== cur.credit_code) {
      this.reject({ file: this.file, line: u.row.line, field: 'id_no', code: 'feed.identity_change' });
      return;
    }
    const nameChanged = owned.has('name') && u.row.name !== u.name;
    if (nameChanged) changes.push({ field: 'name', old: u.name, new: u.row.name });
    if (!changes.length) return;
    if (Object.keys(set).length) await this.tx.updateTable(detailTable as 'personal_customer').set(set as never).where('customer_id', '=', u.id).execute();
    await this.tx.updateTable('customer').set({
      ...(nameChanged ? { name: u.row.name, search_terms: searchTerms(u.row.name, u.kind) } : {}),
      version: sql`version + 1`, updated_at: new Date(),
    }).where('id', '=', u.id).execute();
    await this.tx.insertInto('customer_history').values(changes.map((c) => ({
      customer_id: u.id, field: c.field, old_value: c.old, new_value: c.new, source: 'feed' as const, changed_by: null, request_id: null,
    }))).execute();
    this.counts.updated++;
    this.counts.fieldsChanged += changes.length;
  }
}
