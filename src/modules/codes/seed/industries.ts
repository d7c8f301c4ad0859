// GB/T 4754-2017 national economic industry classification (国民经济行业分类), all four levels:
// 20 sections (门类, A–T), 97 divisions (大类, 2 digits), 473 groups (中类, 3 digits), 1,380 classes (小类, 4 digits).
// Read at call time from ./standards/gbt-4754-2017-industries.csv, a copy of /work/shared/data's file
// (columns code, name, level, parent, section, note). The copy sits in standards/ rather than data/ because the
// project's .gitignore ignores every directory named data/.
//
// Item codes are the standard's own (J, 66, 662, 6621); a class shown the bank way is section + code (J6621).
// nameEn: the CSV has no English. The 20 sections get English names below; divisions, groups and classes repeat
// nameZh as nameEn until an English edition of the standard is sourced.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { CodeItemSeed, CodeTableSeed } from './types.ts';

interface IndustryRow { code: string; name: string; level: string; parent: string; section: string; note: string }

const CSV_URL = new URL('./standards/gbt-4754-2017-industries.csv', import.meta.url);

const LEVELS: Readonly<Record<string, number>> = { section: 1, division: 2, group: 3, class: 4 };

const SECTION_EN: Readonly<Record<string, string>> = {
  A: 'Agriculture, Forestry, Animal Husbandry and Fishery',
  B: 'Mining',
  C: 'Manufacturing',
  D: 'Production and Supply of Electricity, Heat, Gas and Water',
  E: 'Construction',
  F: 'Wholesale and Retail Trade',
  G: 'Transport, Storage and Postal Services',
  H: 'Accommodation and Catering',
  I: 'Information Transmission, Software and Information Technology Services',
  J: 'Finance',
  K: 'Real Estate',
  L: 'Leasing and Business Services',
  M: 'Scientific Research and Technical Services',
  N: 'Water Conservancy, Environment and Public Facilities Management',
  O: 'Resident Services, Repair and Other Services',
  P: 'Education',
  Q: 'Health and Social Work',
  R: 'Culture, Sports and Entertainment',
  S: 'Public Administration, Social Security and Social Organisations',
  T: 'International Organisations',
};

export function industryTables(): CodeTableSeed[] {
  const rows = parse(readFileSync(CSV_URL, 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    trim: true,
  }) as IndustryRow[];

  const items = rows.map((row): CodeItemSeed => {
    const level = LEVELS[row.level];
    if (level === undefined) throw new Error(`GB/T 4754 row ${row.code}: unknown level "${row.level}"`);
    const item: CodeItemSeed = {
      code: row.code,
      nameZh: row.name,
      nameEn: level === 1 ? (SECTION_EN[row.code] ?? row.name) : row.name,
      level,
    };
    if (row.parent) item.parentCode = row.parent;
    return item;
  });
  return [
    {
      code: 'industry',
      nameZh: '国民经济行业分类',
      nameEn: 'Industry classification',
      source: 'GB/T 4754-2017',
      hierarchical: true,
      items,
    },
  ];
}
