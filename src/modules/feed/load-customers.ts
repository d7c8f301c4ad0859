// The customers file (CIF-7, CIF-8): unknown numbers open core-created customers with the same
// checks as any opening; known numbers get the fields the core owns (ownership.ts), each change
// kept in the customer's history with source 'feed'. A bank's first load is its whole book (a
// million customers), so the work is set-based, as for accounts and balances: each row's own
// checks in JS as it is read (formats, check digits, code tables — the customers module's
// normaliseCustomer), the row staged (COPY on a server), then the checks that need the database or
// the whole file, the openings, the likely duplicates and the updates in a few SQL statements over
// the staged set (apply-customers.ts).
import type { Tx } from '../../db/database.ts';
import type { CopyIn } from '../../db/copy-in.ts';
import type { Actor } from '../auth/actor.ts';
import { loadCodeSets, normaliseCustomer, type CodeSets } from '../customers/validate.ts';
import { searchTerms } from '../customers/search/search-terms.ts';
import { applyStagedCustomers, type CustomerCounts } from './apply-customers.ts';
import { feedDate, type FeedRecord, type Rejection } from './read-file.ts';
import { Stage } from './stage.ts';

// Where a validation error of a customer field points in the file.
const FIELD_OF: Record<string, string> = {
  gender: 'gender', birthDate: 'birth_date', nationality: 'nationality', mobile: 'mobile', homeAddress: 'address', registeredAddress: 'address',
  homePostcode: 'postcode', officePostcode: 'postcode', creditCode: 'id_no', organizationCode: 'id_no',
};
const fieldOfPath = (path: string) => (path.startsWith('identities') ? (path.endsWith('idType') ? 'id_type' : 'id_no') : FIELD_OF[path] ?? path);

export class CustomerFeed {
  private codes!: CodeSets;
  private seenNos = new Set<string>();
  /**
   * Search terms by kind and name: common names recur (a million customers carry a few hundred
   * thousand names) and the pinyin of a name is most of a row's work in JS.
   */
  private termsOf = new Map<string, string>();
  private stage: Stage;
  counts: CustomerCounts = { opened: 0, updated: 0, fieldsChanged: 0, skippedDeleted: 0 };

  constructor(private tx: Tx, private actor: Actor, private file: string, private reject: (r: Rejection) => void, private today: string,
    copyIn: CopyIn | null = null) {
    // One row per line, the values as normaliseCustomer leaves them; null = not sent (left as it is).
    this.stage = new Stage(tx, 'feed_customer', [
      { name: 'line', type: 'int4' }, { name: 'customer_no', type: 'text' }, { name: 'kind', type: 'text' }, { name: 'name', type: 'text' },
      { name: 'terms', type: 'text' }, { name: 'institution_code', type: 'text' }, { name: 'id_type', type: 'text' }, { name: 'id_number', type: 'text' },
      { name: 'id_expires_on', type: 'date' }, { name: 'gender', type: 'text' }, { name: 'birth_date', type: 'date' }, { name: 'nationality', type: 'text' },
      { name: 'mobile', type: 'text' }, { name: 'address', type: 'text' }, { name: 'postcode', type: 'text' }, { name: 'credit_code', type: 'text' },
      { name: 'organization_code', type: 'text' },
    ], 20_000, copyIn);
  }

  async init() {
    this.codes = await loadCodeSets(this.tx, ['gender', 'country', 'id_type']);
    await this.stage.create();
  }

  async add(rec: FeedRecord) {
    const [customerNo, kindCode, name, idType, idNo, idExpires, gender, birth, nationality, mobile, address, postcode, institutionCode] = rec.values as string[];
    const bad = (field: string, code: string, value?: string) => { this.reject({ file: this.file, line: rec.line, field, code, value }); };
    let ok = true;
    if (!/^\d{1,11}$/.test(customerNo!)) { bad('customer_no', 'feed.customer_no'); ok = false; }
    else if (this.seenNos.has(customerNo!)) { bad('customer_no', 'feed.duplicate_in_file', customerNo); ok = false; }
    const kind = kindCode === '1' ? 'personal' : kindCode === '2' ? 'corporate' : null;
    if (!kind) { bad('kind', 'feed.code_unknown', kindCode); ok = false; }
    if (!name || name.length > 160) { bad('name', name ? 'feed.too_long' : 'feed.required'); ok = false; }
    const expiresOn = idExpires ? feedDate(idExpires) : null;
    if (idExpires && !expiresOn) { bad('id_expires_on', 'feed.date_format', idExpires); ok = false; }
    const birthDate = birth ? feedDate(birth) : null;
    if (birth && !birthDate) { bad('birth_date', 'feed.date_format', birth); ok = false; }
    if (!ok || !kind) return;
    this.seenNos.add(customerNo!);
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
    const n = normaliseCustomer(kind, input, this.codes, this.today);
    for (const e of n.errors) this.reject({ file: this.file, line: rec.line, field: fieldOfPath(e.path), code: e.code, params: e.params });
    if (n.errors.length) return;
    const v = n.values;
    const doc = n.identities?.[0];
    const termsKey = `${kindCode}${name}`;
    let terms = this.termsOf.get(termsKey);
    if (terms === undefined) this.termsOf.set(termsKey, terms = searchTerms(name!, kind).join(' '));
    await this.stage.push([rec.line, customerNo, kind, name, terms, institutionCode!.toUpperCase(),
      doc?.idType ?? null, doc?.idNumber ?? null, expiresOn, v.gender ?? null, v.birthDate ?? null, v.nationality ?? null, v.mobile ?? null,
      v.homeAddress ?? v.registeredAddress ?? null, v.homePostcode ?? v.officePostcode ?? null, v.creditCode ?? null, v.organizationCode ?? null]);
  }

  /** The checks over the staged file, then openings and updates (rows with a problem are reported and left out). */
  async finish(timings?: Record<string, number>) {
    await this.stage.done();
    this.counts = await applyStagedCustomers(this.tx, this.actor, this.file, this.reject, timings);
  }
}
