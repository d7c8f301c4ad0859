// Code tables (数据字典) as the forms and views need them: small tables loaded whole and cached,
// the large hierarchical ones (GB/T 2260 divisions, GB/T 4754 industries) a level or a search at a time.
import { useQuery } from '@tanstack/react-query';
import type { Lang } from '../api/client';
import { api } from '../api/client';

export interface CodeItem { code: string; nameZh: string; nameEn: string; parentCode: string | null; level: number | null; sortOrder: number; active: boolean }
interface ItemPage { total: number; items: CodeItem[] }

/** Tables too large to load whole: browsed by parent, searched on the server. */
export const LARGE_TABLES: Record<string, { maxLevel: number; leafOnly: boolean }> = {
  division: { maxLevel: 3, leafOnly: false },
  // Only a four-digit class is a valid industry of a customer (the server checks the same).
  industry: { maxLevel: 4, leafOnly: true },
};
export const isLargeTable = (table: string) => table in LARGE_TABLES;

const itemsUrl = (table: string) => `/code-tables/${encodeURIComponent(table)}/items`;

export const fetchCodeItems = (table: string, query: { parent?: string; q?: string; pageSize?: number; includeInactive?: boolean }, signal?: AbortSignal) =>
  api.get<ItemPage>(itemsUrl(table), { parent: query.parent, q: query.q, pageSize: query.pageSize ?? 500, includeInactive: query.includeInactive ? 'true' : undefined }, signal);

/** Every item of a small table, deactivated ones included (old records still show their names). */
export function useCodeTable(table: string | undefined) {
  return useQuery({
    queryKey: ['code-table-all', table],
    queryFn: ({ signal }) => fetchCodeItems(table!, { includeInactive: true }, signal).then((p) => p.items),
    enabled: !!table && !isLargeTable(table),
    staleTime: 10 * 60_000,
  });
}

/** One item of any table by its code (a large table is asked for that code only). */
export function useCodeItem(table: string | undefined, code: string | null | undefined) {
  const large = !!table && isLargeTable(table);
  const small = useCodeTable(large ? undefined : table);
  const one = useQuery({
    queryKey: ['code-item', table, code],
    queryFn: ({ signal }) => fetchCodeItems(table!, { q: code!, includeInactive: true }, signal).then((p) => p.items.find((i) => i.code === code) ?? null),
    enabled: large && !!code,
    staleTime: 10 * 60_000,
  });
  if (!code || !table) return undefined;
  return large ? one.data ?? undefined : small.data?.find((i) => i.code === code);
}

export const codeName = (lang: Lang, item: Pick<CodeItem, 'nameZh' | 'nameEn'>) =>
  (lang === 'en-US' && item.nameEn ? item.nameEn : item.nameZh);
