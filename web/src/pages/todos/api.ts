// Calls and shapes of my to-dos (GET /api/todos, 待办事宜).
import { api } from '../../api/client';

export interface Todo {
  id: number; kind: string; title: string; params: Record<string, unknown>; entity: { type: string; id: string } | null;
  assignee: { userId: number | null; institutionId: number | null }; dueOn: string | null; overdue: boolean;
  status: 'open' | 'done' | 'cancelled'; createdAt: string; doneAt: string | null; doneBy: string | null;
}
export interface TodoCount { open: number; overdue: number; dueToday: number; byKind: Record<string, number> }

export const fetchTodos = (q: { status: 'open' | 'done'; kind?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<{ total: number; items: Todo[] }>('/todos', { ...q }, signal);
export const fetchTodoCount = (signal?: AbortSignal) => api.get<TodoCount>('/todos/count', undefined, signal);
export const completeTodo = (id: number) => api.post<{ id: number }>(`/todos/${id}/done`);

/** Where a to-do's work is done, by its kind. */
export function todoLink(todo: Todo): string | null {
  if (todo.kind === 'certificate.expiry' && todo.params.customerId) return `/customers/${String(todo.params.customerId)}?tab=certificates`;
  if (todo.entity?.type === 'customer') return `/customers/${todo.entity.id}`;
  if (todo.entity?.type === 'document_flow') return `/documents/todos?open=${todo.entity.id}`;
  if (todo.kind === 'archive.overdue') return '/archive/loans?state=overdue';
  return null;
}
