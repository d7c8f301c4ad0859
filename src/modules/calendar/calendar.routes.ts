import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { singleLineText } from '../../common/text.ts';
import { addWorkingDays, deleteCalendarDay, listCalendar, setCalendarDay } from './calendar.service.ts';

const tags = ['calendar'];
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'common.date_format').refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s), 'common.date_format');
const dayParams = z.strictObject({ day: isoDate });

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/calendar', { schema: { tags, summary: 'Holidays and adjusted working days of a year', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }) } },
    async (req) => listCalendar(app.db, req.query.year));
  app.get('/calendar/add-working-days', { schema: { tags, summary: 'The date N working days from a date', querystring: z.strictObject({ from: isoDate, days: z.coerce.number().int().min(-366).max(366) }) } },
    async (req) => ({ from: req.query.from, days: req.query.days, date: await addWorkingDays(app.db, req.query.from, req.query.days) }));
  app.put('/calendar/:day', { config: { permission: 'calendar.manage' }, schema: { tags, summary: 'Mark a day as holiday or adjusted working day', params: dayParams,
    body: z.strictObject({ kind: z.enum(['holiday', 'workday']), name: singleLineText().min(1).max(40) }) } },
  async (req) => setCalendarDay(app.db, req.actor, req.params.day, req.body));
  app.delete('/calendar/:day', { config: { permission: 'calendar.manage' }, schema: { tags, summary: 'Return a day to the ordinary weekday/weekend rule', params: dayParams } },
    async (req, reply) => { await deleteCalendarDay(app.db, req.actor, req.params.day); return reply.status(204).send(); });
};
