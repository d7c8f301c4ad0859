// The shared generator (demo book and benchmarks): every identifier it makes passes the
// project's own validators, its people and companies look like a Shandong city bank's, and the
// same seed always makes the same bank.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResidentId } from '../../common/validators/resident-id.ts';
import { parseCreditCode } from '../../common/validators/credit-code.ts';
import { parseOrganizationCode } from '../../common/validators/organization-code.ts';
import { parseMobile, parsePostalCode } from '../../common/validators/contact.ts';
import { codeTableSeeds } from '../../modules/codes/seed/index.ts';
import { makeGenerator, type GeneratedCorporate, type GeneratedPersonal } from './customers.ts';
import { feedDays, type BookCustomer } from './feed.ts';
import { planPortfolios } from '../book-customers.ts';

const COUNT = 5000;

describe('customer generator', () => {
  const gen = makeGenerator(42);
  const all = Array.from({ length: COUNT }, () => gen.next());
  const persons = all.filter((c): c is GeneratedPersonal => c.kind === 'personal');
  const companies = all.filter((c): c is GeneratedCorporate => c.kind === 'corporate');

  it(`makes ${COUNT} customers whose ID numbers, credit codes, organisation codes, mobiles and postcodes pass the validators`, () => {
    const bad: string[] = [];
    for (const p of persons) {
      const id = parseResidentId(p.idNumber);
      if (!id.ok) bad.push(`id ${p.idNumber}: ${id.error}`);
      else if (id.birthDate !== p.birthDate || id.gender !== p.gender) bad.push(`id ${p.idNumber} disagrees with ${p.birthDate} ${p.gender}`);
      if (!parseMobile(p.mobile).ok) bad.push(`mobile ${p.mobile}`);
      if (!parsePostalCode(p.homePostcode).ok) bad.push(`postcode ${p.homePostcode}`);
    }
    for (const c of companies) {
      const code = parseCreditCode(c.creditCode);
      if (!code.ok) bad.push(`credit code ${c.creditCode}: ${code.error}`);
      const org = parseOrganizationCode(c.organizationCode);
      if (!org.ok) bad.push(`organisation code ${c.organizationCode}: ${org.error}`);
      // GB 32100: characters 9–17 of the credit code are the organisation code.
      else if (c.creditCode.slice(8, 17) !== org.normalized.replace('-', '')) bad.push(`credit code ${c.creditCode} does not carry ${c.organizationCode}`);
    }
    expect(bad).toEqual([]);
    expect(new Set(persons.map((p) => p.idNumber)).size).toBe(persons.length);
    expect(new Set(companies.map((c) => c.creditCode)).size).toBe(companies.length);
  });

  it('uses only codes of the code tables, mostly Shandong divisions, in a city bank\'s proportions', () => {
    const tables = new Map(codeTableSeeds().map((t) => [t.code, new Set(t.items.map((i) => i.code))]));
    const inTable = (table: string, code: string | undefined) => code === undefined || tables.get(table)!.has(code);
    expect(persons.every((p) => inTable('division', p.householdDivision) && inTable('division', p.employerDivision) && inTable('industry', p.employerIndustry)
      && inTable('occupation', p.occupation) && inTable('education', p.education) && inTable('marital_status', p.maritalStatus) && inTable('employer_nature', p.employerNature))).toBe(true);
    expect(companies.every((c) => inTable('industry', c.industryCode) && inTable('registration_type', c.registrationType) && inTable('division', c.creditCode.slice(2, 8)))).toBe(true);
    const shandong = persons.filter((p) => p.householdDivision.startsWith('37')).length / persons.length;
    expect(shandong).toBeGreaterThan(0.8);
    expect(shandong).toBeLessThan(0.95);
    expect(persons.every((p) => p.homeAddress.startsWith('山东省'))).toBe(true);
    expect(companies.length / all.length).toBeGreaterThan(0.04);
    expect(companies.length / all.length).toBeLessThan(0.1);
    expect(persons.filter((p) => p.employer).length / persons.length).toBeGreaterThan(0.4);
  });

  it('gives a few people names with characters outside the BMP and Uyghur names with the middle dot', () => {
    const astral = persons.filter((p) => [...p.name].some((ch) => ch.codePointAt(0)! > 0xffff));
    const dotted = persons.filter((p) => p.name.includes('\u00b7'));
    expect(astral.length).toBeGreaterThan(5);
    expect(astral.length / persons.length).toBeLessThan(0.02);
    expect(dotted.length).toBeGreaterThan(5);
    expect(dotted.every((p) => /^[\u4e00-\u9fff]+\u00b7[\u4e00-\u9fff]+$/.test(p.name))).toBe(true);
  });

  it('makes the same customers for the same seed and others for another', () => {
    const again = makeGenerator(42);
    expect(Array.from({ length: COUNT }, () => again.next())).toEqual(all);
    expect(makeGenerator(43).next()).not.toEqual(all[0]);
  });
});

async function feedHash(book: BookCustomer[], seed: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'crm-gen-test-'));
  try {
    const hash = createHash('sha256');
    for await (const day of feedDays({ outDir: dir, customers: 0, days: 6, startDate: '2026-03-27', seed, book, institutions: ['0101', '0111'] })) {
      for (const name of (await readdir(day.dir)).sort()) hash.update(name).update(await readFile(join(day.dir, name)));
    }
    return hash.digest('hex');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the demo book\'s plan and feed', () => {
  it('plans the same portfolios and writes the same feed files for the same seed', async () => {
    const plan = planPortfolios(300, 7);
    expect(planPortfolios(300, 7)).toEqual(plan);
    expect(plan.some((p) => p.importer === 'sn_mgr') && plan.some((p) => p.importer === null)).toBe(true);
    const book: BookCustomer[] = plan.map((p, i) => ({ customerNo: `9${String(i).padStart(10, '0')}`, corporate: p.customer.kind === 'corporate', institution: p.institution, watched: p.watched }));
    const first = await feedHash(book, 7);
    expect(await feedHash(book, 7)).toBe(first);
    expect(await feedHash(book, 8)).not.toBe(first);
  });
});
