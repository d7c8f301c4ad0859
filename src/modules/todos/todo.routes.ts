import { counts } from '../../common/http/answers.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigRecordIdParam } from '../../common/id.ts';
import { singleLineText } from '../../common/text.ts';
import { hasMessage, t, type Lang } from '../../common/i18n/i18n.ts';
import { WORK_PERMISSIONS } from '../org/permissions.ts';
import { completeTodo, countTodos, listTodos } from './todo.service.ts';

const tags = ['todos'];

const listQuery = z.strictObject({
  status: z.enum(['open', 'done']).default('open'),
  kind: singleLineText().min(1).max(40).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const todoParams = z.strictObject({ id: bigRecordIdParam });

/** The title in the reader's language from the kind's message; the stored zh-CN title otherwise. */
const localise = (lang: Lang, kind: string, params: Record<string, unknown>, stored: string) =>
  (hasMessage(`todos.kind.${kind}`) ? t(lang, `todos.kind.${kind}`, params) : stored);

// Reading the list needs no permission beyond signing in: what is on it is the rule of
// todo.service.ts. Marking one done is work (WORK_PERMISSIONS).

export const todoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/todos', { schema: { tags, summary: 'My to-dos (待办事宜): mine, and those of institutions in my charge I can act on', querystring: listQuery } },
    async (req) => {
      const page = await listTodos(app.db, req.actor, req.query);
      return { ...page, items: page.items.map((i) => ({ ...i, title: localise(req.lang, i.kind, i.params, i.title) })) };
    });

  app.get('/todos/count', { schema: { tags, summary: 'Open to-dos for the workbench badge: total, overdue, due today, by kind', response: { 200: z.object({ open: z.number().int(), overdue: z.number().int(), dueToday: z.number().int(), byKind: counts }) } } },
    async (req) => countTodos(app.db, req.actor));

  app.post('/todos/:id/done', { config: { permission: WORK_PERMISSIONS }, schema: { tags, summary: 'Mark a to-do as done (audited)', params: todoParams } },
    async (req) => completeTodo(app.db, req.actor, req.params.id));
};
