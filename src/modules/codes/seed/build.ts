// Small helpers shared by the seed files. Kept out of types.ts, which holds only the two interfaces.
import type { CodeItemSeed, CodeTableSeed } from './types.ts';

/** One item of a flat table: [code, nameZh, nameEn]. */
export type FlatItem = readonly [code: string, nameZh: string, nameEn: string];

/** Builds a non-hierarchical table from [code, nameZh, nameEn] tuples (fresh objects on every call). */
export function flatTable(
  code: string,
  nameZh: string,
  nameEn: string,
  source: string,
  items: readonly FlatItem[],
): CodeTableSeed {
  return {
    code,
    nameZh,
    nameEn,
    source,
    hierarchical: false,
    items: items.map(([c, zh, en]): CodeItemSeed => ({ code: c, nameZh: zh, nameEn: en })),
  };
}
