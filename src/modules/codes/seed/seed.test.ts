import { describe, it, expect } from 'vitest';
import { codeTableSeeds } from './index.ts';
import type { CodeItemSeed, CodeTableSeed } from './types.ts';

const tables = codeTableSeeds();

function table(code: string): CodeTableSeed {
  const t = tables.find((x) => x.code === code);
  if (!t) throw new Error(`table ${code} missing`);
  return t;
}

function item(tableCode: string, code: string): CodeItemSeed | undefined {
  return table(tableCode).items.find((i) => i.code === code);
}

function codes(tableCode: string): string[] {
  return table(tableCode).items.map((i) => i.code);
}

function countByLevel(t: CodeTableSeed): Record<number, number> {
  const out: Record<number, number> = {};
  for (const i of t.items) out[i.level ?? 0] = (out[i.level ?? 0] ?? 0) + 1;
  return out;
}

describe('code table seeds: structure', () => {
  it('contains every required table, each once, with snake_case codes', () => {
    const required = [
      'gender', 'marital_status', 'id_type', 'education', 'degree', 'investor_type', 'occupation',
      'employer_nature', 'professional_title', 'residence_status', 'contact_method', 'contact_period',
      'registration_type', 'enterprise_nature', 'corporate_certificate_type', 'party_category', 'relation_role',
      'address_type', 'currency', 'institution_category', 'division', 'industry', 'country',
    ];
    const tableCodes = tables.map((t) => t.code);
    expect(tableCodes).toEqual(expect.arrayContaining(required));
    expect(new Set(tableCodes).size).toBe(tableCodes.length);
    for (const c of tableCodes) expect(c).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('gives every table and item a non-empty Chinese and English name and a source', () => {
    for (const t of tables) {
      expect(t.nameZh.trim(), t.code).not.toBe('');
      expect(t.nameEn.trim(), t.code).not.toBe('');
      expect(t.source.trim(), t.code).not.toBe('');
      expect(t.items.length, t.code).toBeGreaterThan(0);
      for (const i of t.items) {
        expect(i.code.trim(), `${t.code} item code`).not.toBe('');
        expect(i.nameZh.trim(), `${t.code}/${i.code} nameZh`).not.toBe('');
        expect(i.nameEn.trim(), `${t.code}/${i.code} nameEn`).not.toBe('');
      }
    }
  });

  it('has no duplicate item codes in any table', () => {
    for (const t of tables) {
      const seen = new Set<string>();
      const dups = t.items.filter((i) => (seen.has(i.code) ? true : (seen.add(i.code), false))).map((i) => i.code);
      expect(dups, t.code).toEqual([]);
    }
  });

  it('links every parentCode to an item of the same table one level up', () => {
    for (const t of tables) {
      const byCode = new Map(t.items.map((i) => [i.code, i]));
      for (const i of t.items) {
        if (i.parentCode === undefined) continue;
        const parent = byCode.get(i.parentCode);
        expect(parent, `${t.code}/${i.code} → ${i.parentCode}`).toBeDefined();
        expect(i.level, `${t.code}/${i.code} level`).toBe((parent?.level ?? 0) + 1);
      }
    }
  });

  it('marks hierarchy consistently: levels on hierarchical tables, no parents on flat ones', () => {
    for (const t of tables) {
      if (t.hierarchical) {
        for (const i of t.items) {
          expect(i.level, `${t.code}/${i.code}`).toBeGreaterThanOrEqual(1);
          expect(i.parentCode === undefined, `${t.code}/${i.code} root iff level 1`).toBe(i.level === 1);
        }
      } else {
        expect(t.items.every((i) => i.parentCode === undefined), t.code).toBe(true);
      }
    }
  });

  it('is pure: two calls give equal, independent results', () => {
    const again = codeTableSeeds();
    expect(again).toEqual(tables);
    again[0]!.items[0]!.nameZh = 'changed';
    expect(codeTableSeeds()[0]!.items[0]!.nameZh).not.toBe('changed');
  });
});

describe('code table seeds: personal customer codes (CIF-10 … CIF-13)', () => {
  it('gender follows GB/T 2261.1', () => {
    expect(codes('gender')).toEqual(['0', '1', '2', '9']);
    expect(item('gender', '1')?.nameZh).toBe('男性');
    expect(item('gender', '2')?.nameZh).toBe('女性');
  });

  it('marital status follows GB/T 2261.2, with 21–23 under 20', () => {
    expect(codes('marital_status').sort()).toEqual(['10', '20', '21', '22', '23', '30', '40', '90']);
    for (const c of ['21', '22', '23']) expect(item('marital_status', c)?.parentCode).toBe('20');
  });

  it('id_type has the codes 10..23 and 99', () => {
    const expected = [...Array.from({ length: 14 }, (_, k) => String(10 + k)), '99'];
    expect(codes('id_type')).toEqual(expected);
    expect(item('id_type', '10')?.nameZh).toBe('居民身份证');
  });

  it('education, degree, investor type, title, residence, contact codes match the seed', () => {
    expect(codes('education')).toEqual(['10', '20', '30', '40', '50', '60', '70', '80', '90', '99']);
    expect(codes('degree')).toEqual(['0', '1', '2', '3', '4', '9']);
    expect(codes('investor_type')).toEqual(['10', '20', '30', '40', '50']);
    expect(codes('professional_title')).toEqual(['0', '1', '2', '3', '9']);
    expect(codes('residence_status')).toEqual(['1', '2', '3', '4', '5', '6', '7', '9']);
    expect(codes('contact_method')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(codes('contact_period')).toEqual(['1', '2', '3']);
  });

  it('occupation uses the credit-reference coding of the GB/T 6565 major groups', () => {
    expect(codes('occupation')).toEqual(['0', '1', '3', '4', '5', '6', 'X', 'Y', 'Z']);
    expect(item('occupation', 'X')?.nameZh).toBe('军人');
  });

  it('employer nature and enterprise nature are the same 01–07 list', () => {
    expect(codes('employer_nature')).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    expect(table('enterprise_nature').items).toEqual(table('employer_nature').items);
  });
});

describe('code table seeds: corporate and relationship codes (CIF-20, CIF-21, REL-2)', () => {
  // Every code CIF-21 / seed 001 §3.2.1 lists.
  const cif21 = [
    ...['00', '01', '02', '03', '04', '05', '06', '07', '08', '09'],
    ...['10', '11', '12', '13', '14', '15'],
    ...['20', '21', '22', '23', '24'],
    ...['30', '31', '32', '33', '34', '35'],
    ...['40', '41', '50', '51'],
    ...['60', '61', '62', '63', '64', '65'],
    ...['70', '71'],
    ...['80', '81', '82', '83', '84', '85'],
    ...['90', '91', '92'],
    ...['101', '102', '103', '104', '199'],
  ];

  it('registration_type contains every CIF-21 code as a leaf under a group', () => {
    const t = table('registration_type');
    const leaves = t.items.filter((i) => i.level === 2).map((i) => i.code);
    expect(leaves.sort()).toEqual([...cif21].sort());
    expect(item('registration_type', '00')?.nameZh).toBe('有限责任公司(国有独资)');
    expect(item('registration_type', '00')?.parentCode).toBe('G00');
    expect(item('registration_type', '199')?.parentCode).toBe('G199');
    expect(t.items.filter((i) => i.level === 1).every((i) => i.code.startsWith('G'))).toBe(true);
  });

  it('corporate certificate types cover CIF-20 and the unified social credit code', () => {
    const names = table('corporate_certificate_type').items.map((i) => i.nameZh);
    for (const n of ['营业执照', '组织机构代码证', '国税登记证', '地税登记证', '统一社会信用代码证', '其他证件']) {
      expect(names).toContain(n);
    }
    expect(table('corporate_certificate_type').items).toHaveLength(9);
  });

  it('party_category and relation_role follow REL-2', () => {
    expect(codes('party_category')).toEqual(['1', '2']);
    expect(item('party_category', '1')?.nameZh).toBe('企业');
    const expected = Array.from({ length: 16 }, (_, k) => String(k + 1).padStart(2, '0'));
    expect(codes('relation_role')).toEqual(expected);
    expect(item('relation_role', '07')?.nameZh).toBe('配偶');
    expect(item('relation_role', '12')?.nameZh).toBe('股东');
    expect(item('relation_role', '16')?.nameZh).toBe('实际控制人');
  });

  it('currency has the required ISO 4217 codes with Chinese names', () => {
    for (const c of ['CNY', 'USD', 'EUR', 'JPY', 'HKD', 'GBP', 'AUD', 'CAD', 'CHF', 'SGD', 'MOP', 'TWD', 'KRW']) {
      expect(item('currency', c), c).toBeDefined();
    }
    for (const c of codes('currency')) expect(c).toMatch(/^[A-Z]{3}$/);
    expect(item('currency', 'CNY')?.nameZh).toBe('人民币');
  });

  it('institution_category has the four ORG-3 categories', () => {
    expect(codes('institution_category')).toEqual(['corporate', 'sme', 'product', 'non_corporate']);
  });
});

describe('code table seeds: national standards (PLAT-6)', () => {
  it('industry has the GB/T 4754-2017 counts per level', () => {
    const t = table('industry');
    expect(t.hierarchical).toBe(true);
    expect(countByLevel(t)).toEqual({ 1: 20, 2: 97, 3: 473, 4: 1380 });
  });

  it('industry codes are shaped per level and chain J → 66 → 662 → 6621', () => {
    const shape: Record<number, RegExp> = { 1: /^[A-T]$/, 2: /^\d{2}$/, 3: /^\d{3}$/, 4: /^\d{4}$/ };
    for (const i of table('industry').items) expect(i.code, i.code).toMatch(shape[i.level ?? 0]!);
    expect(item('industry', '6621')).toMatchObject({ nameZh: '商业银行服务', parentCode: '662', level: 4 });
    expect(item('industry', '662')?.parentCode).toBe('66');
    expect(item('industry', '66')?.parentCode).toBe('J');
    expect(item('industry', 'J')).toMatchObject({ nameZh: '金融业', nameEn: 'Finance', level: 1 });
  });

  it('industry sections have English names distinct from the Chinese ones', () => {
    for (const s of table('industry').items.filter((i) => i.level === 1)) {
      expect(s.nameEn, s.code).toMatch(/^[A-Z][A-Za-z ,]+$/);
    }
  });

  it('division has 31+ provinces and 110101 东城区 under 110100 under 110000', () => {
    const t = table('division');
    const provinces = t.items.filter((i) => i.level === 1);
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(item('division', '110101')).toMatchObject({ nameZh: '东城区', parentCode: '110100', level: 3 });
    expect(item('division', '110100')).toMatchObject({ parentCode: '110000', level: 2 });
    expect(item('division', '110000')).toMatchObject({ nameZh: '北京市', level: 1 });
    expect(item('division', '110000')?.parentCode).toBeUndefined();
    for (const i of t.items) expect(i.code, i.code).toMatch(/^\d{6}$/);
    for (const c of ['710000', '810000', '820000']) expect(item('division', c)?.level).toBe(1);
  });

  it('division leaves out NBS-only statistical areas and placeholder counties', () => {
    expect(item('division', '130171')).toBeUndefined(); // 石家庄高新技术产业开发区
    expect(item('division', '441900')).toMatchObject({ nameZh: '东莞市', level: 2 });
    expect(table('division').items.filter((i) => i.parentCode === '441900')).toEqual([]);
  });

  it('country uses GB/T 2659 alpha-3 codes with CHN = 中国', () => {
    expect(item('country', 'CHN')).toMatchObject({ nameZh: '中国', nameEn: 'China' });
    expect(item('country', 'HKG')?.nameZh).toBe('中国香港');
    expect(item('country', 'TWN')?.nameZh).toBe('中国台湾');
    expect(item('country', 'USA')?.nameZh).toBe('美国');
    for (const c of codes('country')) expect(c).toMatch(/^[A-Z]{3}$/);
    expect(table('country').items).toHaveLength(249);
    expect(item('country', 'XKK')).toBeUndefined();
  });
});
