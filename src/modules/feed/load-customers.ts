// The customers file (CIF-7, CIF-8): unknown numbers open core-created customers with the same
// checks as any opening; known numbers get the fields the core owns (ownership.ts), each change
// kept in the customer's history with source 'feed'. A bank's first load is its whole book (a
// million customers), so the work is set-based, as for accounts and balances: each line is staged
// as read (COPY on a server), with only the search terms of its name computed in JS; the row
// checks (formats, check digits, code tables) run in SQL over the staged file (customer-rows.ts),
// and only the rows they do not pass — a few, on any day — are checked again in JS by the customers
// module's own rules, which report them (or, for a number written another accepted way, normalise
// it). Then the checks that need the database or the whole file, the openings, the likely
// duplicates and the updates, in a few SQL statements over the staged set (apply-customers.ts).
import type { Tx } from '../../db/database.ts';
import type { CopyIn } from '../../db/copy-in.ts';
import type { Actor } from '../auth/actor.ts';
import { loadCodeSets, normaliseCustomer, type CodeSets } from '../customers/validate.ts';
import { searchTerms } from '../customers/search/search-terms.ts';
import { applyStagedCustomers, type CustomerCounts } from './apply-customers.ts';
import { checkStagedCustomerRows, CUSTOMER_COLUMNS, RAW_CUSTOMER_COLUMNS } from './customer-rows.ts';
import type { HandedBackRow } from './hand-back.ts';
import { RejectionList } from './line-order.ts';
import { feedDate, type FeedRecord, type Rejection } from './read-file.ts';
import { Stage } from './stage.ts';

// Where a validation error of a customer field points in the file.
const FIELD_OF: Record<string, string> = {
  gender: 'gender', birthDate: 'birth_date', nationality: 'nationality', mobile: 'mobile', homeAddress: 'address', registeredAddress: 'address',
  homePostcode: 'postcode', officePostcode: 'postcode', creditCode: 'id_no', organizationCode: 'id_no',
};
const fieldOfPath = (path: string) => (path.startsWith('identities') ? (path.endsWith('idType') ? 'id_type' : 'id_no') : FIELD_OF[path] ?? path);

export class CustomerFeed {
  /**
   * Search terms by kind and name: common names recur (a million customers carry a few hundred
   * thousand names) and the pinyin of a name is most of a row's work in JS.
   */
  private termsOf = new Map<string, string>();
  private raw: Stage;
  private unreadable = new RejectionList();
  counts: CustomerCounts = { opened: 0, updated: 0, fieldsChanged: 0, skippedDeleted: 0 };

  constructor(private tx: Tx, private actor: Actor, private file: string, private reject: (r: Rejection) => void, private today: string,
    private copyIn: CopyIn | null = null) {
    this.raw = new Stage(tx, 'feed_customer_raw', RAW_CUSTOMER_COLUMNS, 20_000, copyIn);
  }

  async init() { await this.raw.create(); }

  /** A line the reader could not take (encoding, field count, hidden character): reported in line order with the row checks'. */
  unreadableLine(r: Rejection) { this.unreadable.add(r); }

  /** Stages the line as sent, with its name's search terms. */
  async add(rec: FeedRecord) {
    const v = rec.values;
    const kind = v[1] === '1' ? 'personal' : v[1] === '2' ? 'corporate' : null;
    const name = v[2]!;
    let terms: string | null = null;
    if (kind && name && name.length <= 160) {
      const key = `${v[1]}${name}`;
      terms = this.termsOf.get(key) ?? null;
      if (terms === null) this.termsOf.set(key, terms = searchTerms(name, kind).join(' '));
    }
    await this.raw.push([rec.line, terms, ...v]);
  }

  /** The row checks over the staged file, then the set-based checks, openings and updates (rows with a problem are reported and left out). */
  async finish(timings: Record<string, number> = {}) {
    await this.raw.done();
    this.termsOf.clear();
    const t0 = performance.now();
    const codes = await loadCodeSets(this.tx, ['gender', 'country', 'id_type']);
    const checked = new RejectionList();
    const rows = new Stage(this.tx, 'feed_customer', CUSTOMER_COLUMNS, 20_000, this.copyIn);
    await checkStagedCustomerRows(this.tx, this.today, codes, async (raw) => {
      const row = checkCustomerRow(raw, codes, this.today, (r) => checked.add({ file: this.file, ...r }));
      if (row) await rows.push(row);
    });
    await rows.done();
    this.unreadable.releaseWith(checked, this.reject);
    timings.rows = Math.round(performance.now() - t0);
    this.counts = await applyStagedCustomers(this.tx, this.actor, this.file, this.reject, timings);
  }
}

/**
 * The customers module's rules for one line the SQL checks did not pass: its problems reported, or
 * (a number written another accepted way: a 15-digit ID, a lower-case x, +86 before a mobile) its
 * values normalised as CUSTOMER_COLUMNS stages them.
 */
function checkCustomerRow(raw: HandedBackRow, codes: CodeSets, today: string, reject: (r: Omit<Rejection, 'file'>) => void): unknown[] | null {
  const [customerNo, kindCode, name, idType, idNo, idExpires, gender, birth, nationality, mobile, address, postcode, institutionCode] = raw.values.map((x) => x ?? '');
  const bad = (field: string, code: string, value?: string) => { reject({ line: raw.line, field, code, value }); };
  let ok = true;
  if (!/^\d{1,11}$/.test(customerNo!)) { bad('customer_no', 'feed.customer_no', customerNo); ok = false; }
  else if (raw.repeated) { bad('customer_no', 'feed.duplicate_in_file', customerNo); ok = false; }
  const kind = kindCode === '1' ? 'personal' : kindCode === '2' ? 'corporate' : null;
  if (!kind) { bad('kind', 'feed.code_unknown', kindCode); ok = false; }
  if (!name || name.length > 160) { bad('name', name ? 'feed.too_long' : 'feed.required'); ok = false; }
  const expiresOn = idExpires ? feedDate(idExpires) : null;
  if (idExpires && !expiresOn) { bad('id_expires_on', 'feed.date_format', idExpires); ok = false; }
  const birthDate = birth ? feedDate(birth) : null;
  if (birth && !birthDate) { bad('birth_date', 'feed.date_format', birth); ok = false; }
  if (!ok || !kind) return null;
  // Only the fields the file sends: an empty field leaves the CRM's value as it is.
  const input: Record<string, unknown> = {};
  if (kind === 'personal') {
    if (gender) input.gender = gender;
    if (birthDate) input.birthDate = birthDate;
    if (nationality) input.nationality = nationality;
    if (mobile) input.mobile = mobile;
    if (address) input.homeAddress = address;
    if (postcode) input.homePostcode = postcode;
    if (idNo) input.identities = [{ idType, idNumber: idNo, expiresOn }];
  } else {
    if (idNo) input.creditCode = idNo;
    if (address) input.registeredAddress = address;
    if (postcode) input.officePostcode = postcode;
  }
  const n = normaliseCustomer(kind, input, codes, today);
  for (const e of n.errors) reject({ line: raw.line, field: fieldOfPath(e.path), code: e.code, params: e.params, value: valueOfPath(e.path, raw.values) });
  if (n.errors.length) return null;
  const v = n.values;
  const doc = n.identities?.[0];
  return [raw.line, customerNo, kind, name, raw.terms, institutionCode!.toUpperCase() || null,
    doc?.idType ?? null, doc?.idNumber ?? null, expiresOn, v.gender ?? null, v.birthDate ?? null, v.nationality ?? null, v.mobile ?? null,
    v.homeAddress ?? v.registeredAddress ?? null, v.homePostcode ?? v.officePostcode ?? null, v.creditCode ?? null, v.organizationCode ?? null];
}

/** The file's value a customers-module error is about (masked in the report when it identifies a person: feed.service.ts). */
function valueOfPath(path: string, values: readonly (string | null)[]): string | undefined {
  const at: Record<string, number> = { id_type: 3, id_no: 4, gender: 6, birth_date: 7, nationality: 8, mobile: 9, address: 10, postcode: 11 };
  const i = at[fieldOfPath(path)];
  return i === undefined ? undefined : values[i] ?? undefined;
}
