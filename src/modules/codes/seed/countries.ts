// GB/T 2659 countries and regions (世界各国和地区名称代码), read at call time from the npm package
// `i18n-iso-countries` (ISO 3166-1, which GB/T 2659.1-2022 adopts identically). Codes are the alpha-3 ones
// (CHN): GB/T 2659 defines alpha-2, alpha-3 and numeric codes, and the alpha-3 code is the one Chinese bank
// and credit-reference systems use for nationality. Names come from the package's zh and en locales, with the
// corrections below.
import { createRequire } from 'node:module';
import type { CodeItemSeed, CodeTableSeed } from './types.ts';

type CountriesLib = typeof import('i18n-iso-countries');

// The package's node entry is CommonJS and registers every locale itself.
const require = createRequire(import.meta.url);

/** Codes the package carries that are not in ISO 3166-1 / GB/T 2659 (XK Kosovo is a user-assigned code). */
const NOT_IN_STANDARD = new Set(['XK']);

/**
 * Name corrections by alpha-3 code. Hong Kong, Macao and Taiwan are named as Chinese financial regulators and
 * the credit-reference system name them; the others replace colloquial or wrong zh names and the package's
 * long-form English ones with GB/T 2659 / ISO short names.
 */
const OVERRIDES: Readonly<Record<string, { nameZh?: string; nameEn?: string }>> = {
  CHN: { nameEn: 'China' },
  HKG: { nameZh: '中国香港', nameEn: 'Hong Kong, China' },
  MAC: { nameZh: '中国澳门', nameEn: 'Macao, China' },
  TWN: { nameZh: '中国台湾', nameEn: 'Taiwan, China' },
  ESH: { nameZh: '西撒哈拉' },
  IDN: { nameZh: '印度尼西亚' },
  ARE: { nameZh: '阿拉伯联合酋长国' },
  BIH: { nameZh: '波斯尼亚和黑塞哥维那' },
  MKD: { nameEn: 'North Macedonia' },
  GMB: { nameEn: 'Gambia' },
};

export function countryTables(): CodeTableSeed[] {
  const lib = require('i18n-iso-countries') as CountriesLib;
  const items: CodeItemSeed[] = [];
  for (const alpha2 of Object.keys(lib.getAlpha2Codes())) {
    if (NOT_IN_STANDARD.has(alpha2)) continue;
    const code = lib.alpha2ToAlpha3(alpha2);
    const nameZh = lib.getName(alpha2, 'zh');
    const nameEn = lib.getName(alpha2, 'en');
    if (!code || !nameZh || !nameEn) throw new Error(`i18n-iso-countries: incomplete entry for ${alpha2}`);
    const fix = OVERRIDES[code] ?? {};
    items.push({ code, nameZh: fix.nameZh ?? nameZh, nameEn: fix.nameEn ?? nameEn });
  }
  items.sort((a, b) => a.code.localeCompare(b.code));
  return [
    {
      code: 'country',
      nameZh: '国家和地区',
      nameEn: 'Country or region',
      source: 'GB/T 2659 (= ISO 3166-1) alpha-3, via npm i18n-iso-countries',
      hierarchical: false,
      items,
    },
  ];
}
