// The institution list every screen needs (tree pickers, filters), fetched once and shared.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { InstitutionView } from '../../../src/modules/org/institution.schema.ts';
import { api } from '../api/client';

export type { InstitutionView };
export type InstitutionStatusFilter = 'active' | 'inactive' | 'all';

export const institutionsKey = (status: InstitutionStatusFilter) => ['institutions', status] as const;

export function useInstitutions(status: InstitutionStatusFilter = 'active', enabled = true) {
  return useQuery({
    queryKey: institutionsKey(status),
    queryFn: ({ signal }) => api.get<InstitutionView[]>('/institutions', { status }, signal),
    staleTime: 60_000,
    enabled,
  });
}

export interface LevelName { level: number; nameZh: string; nameEn: string }

export function useInstitutionLevels() {
  return useQuery({ queryKey: ['institution-levels'], queryFn: () => api.get<LevelName[]>('/institution-levels'), staleTime: 10 * 60_000 });
}

export interface TreeNode<T> { item: T; children: TreeNode<T>[] }

/**
 * Builds the forest of a list; items whose parent is not in the list become roots (a branch
 * admin's view). Siblings are ordered by `compare` when given.
 */
export function buildForest<T extends { id: number; parentId: number | null }>(items: readonly T[], compare?: (a: T, b: T) => number): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>(items.map((i) => [i.id, { item: i, children: [] }]));
  const roots: TreeNode<T>[] = [];
  for (const i of items) {
    const node = nodes.get(i.id)!;
    const parent = i.parentId === null ? undefined : nodes.get(i.parentId);
    if (parent) parent.children.push(node); else roots.push(node);
  }
  if (compare) {
    const order = (list: TreeNode<T>[]) => { list.sort((a, b) => compare(a.item, b.item)); list.forEach((n) => order(n.children)); };
    order(roots);
  }
  return roots;
}

/** Institutions sit in code order among their siblings, the way the bank numbers them. */
export const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);

/** id → full name ("青岛分行市南支行营销一队") from the shared list, falling back to the short name given. */
export function useInstitutionFullName() {
  const { data } = useInstitutions('all');
  const byId = useMemo(() => new Map((data ?? []).map((i) => [i.id, i.fullName])), [data]);
  return useCallback((id: number, fallback: string) => byId.get(id) ?? fallback, [byId]);
}
