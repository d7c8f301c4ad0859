// Seed data for the system's code tables (数据字典, PLAT-6). Pure and synchronous: no database access; the
// large standard tables (divisions, industries, countries) are read from installed packages and a bundled CSV
// each time this is called, so every call returns fresh objects.
import type { CodeTableSeed } from './types.ts';
import { personalTables } from './cif-personal.ts';
import { occupationTables } from './occupations.ts';
import { corporateTables } from './cif-corporate.ts';
import { relationshipTables } from './relationships.ts';
import { commonTables } from './common.ts';
import { currencyTables } from './currencies.ts';
import { divisionTables } from './divisions.ts';
import { industryTables } from './industries.ts';
import { countryTables } from './countries.ts';

export type { CodeItemSeed, CodeTableSeed } from './types.ts';

export function codeTableSeeds(): CodeTableSeed[] {
  return [
    ...personalTables(),
    ...occupationTables(),
    ...corporateTables(),
    ...relationshipTables(),
    ...commonTables(),
    ...currencyTables(),
    ...divisionTables(),
    ...industryTables(),
    ...countryTables(),
  ];
}
