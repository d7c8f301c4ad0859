// Calls and shapes of /api/code-tables used by this page.
import type { z } from 'zod';
import type { createItemBody, updateItemBody } from '../../../../src/modules/codes/code-table.schema.ts';
import { api } from '../../api/client';

export interface CodeTable { code: string; nameZh: string; nameEn: string; source: string | null; hierarchical: boolean; builtin: boolean; itemCount: number }
export interface CodeItem { code: string; nameZh: string; nameEn: string; parentCode: string | null; level: number | null; sortOrder: number; active: boolean }
export interface ItemPage { table: Omit<CodeTable, 'itemCount'>; total: number; items: CodeItem[] }

export interface ItemQuery { q?: string; parent?: string; includeInactive: 'true' | 'false'; page: number; pageSize: number }

export const fetchTables = (signal?: AbortSignal) => api.get<CodeTable[]>('/code-tables', undefined, signal);
export const fetchItems = (table: string, q: ItemQuery, signal?: AbortSignal) =>
  api.get<ItemPage>(`/code-tables/${encodeURIComponent(table)}/items`, { ...q }, signal);
export const createItem = (table: string, body: z.input<typeof createItemBody>) => api.post<{ code: string }>(`/code-tables/${encodeURIComponent(table)}/items`, body);
export const updateItem = (table: string, code: string, body: z.input<typeof updateItemBody>) =>
  api.patch<{ code: string }>(`/code-tables/${encodeURIComponent(table)}/items/${encodeURIComponent(code)}`, body);
