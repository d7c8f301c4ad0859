// RFC 9457 problem+json: every error the API returns has this shape, with the message in the
// caller's language and, for field errors, the path of each offending field.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { hasMessage, t, type Lang } from './i18n.ts';

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  requestId: string;
  errors?: { path: string; code: string; message: string }[];
}

function translateParams(lang: Lang, params: Record<string, unknown>) {
  // A param that is itself a message key ('entity.institution') is translated too.
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('entity.') ? t(lang, v) : v]));
}

function problem(lang: Lang, requestId: string, status: number, code: string, params: Record<string, unknown> = {}, errors?: Problem['errors']): Problem {
  const title = t(lang, code, { ...translateParams(lang, params), requestId });
  return { type: `urn:bank-crm:problem:${code}`, title, status, code, requestId, ...(errors?.length ? { errors } : {}) };
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.status(p.status).type('application/problem+json; charset=utf-8').send(p);
}

export function toProblem(err: unknown, req: FastifyRequest): Problem {
  const lang = req.lang ?? 'zh-CN';
  const requestId = String(req.id);
  if (err instanceof AppError) {
    return problem(lang, requestId, err.status, err.code, err.params, err.fieldErrors.map((f) => ({
      path: f.path, code: f.code, message: hasMessage(f.code) ? t(lang, f.code, f.params) : f.code,
    })));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    return problem(lang, requestId, 400, 'common.validation', {}, err.validation.map((v) => {
      const path = [where, ...v.instancePath.split('/').filter(Boolean)].join('.');
      const issue = { ...(v.params as object), code: v.keyword, path: v.instancePath.split('/').filter(Boolean), message: v.message } as never;
      let message: string;
      if (v.message && hasMessage(v.message)) message = t(lang, v.message, v.params as Record<string, unknown>);
      else if (v.keyword === 'unrecognized_keys') message = t(lang, 'common.unknown_field', { field: ((v.params as { keys?: string[] }).keys ?? []).join(', ') });
      else {
        const m = zodLocales[lang].localeError(issue);
        message = typeof m === 'string' ? m : (m?.message ?? v.message ?? v.keyword);
      }
      return { path, code: v.keyword, message };
    }));
  }
  const fe = err as FastifyError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 429 ? 'common.rate_limited' : fe.statusCode === 413 ? 'common.payload_too_large' : fe.statusCode === 404 ? 'common.route_not_found' : 'common.bad_request';
    return problem(lang, requestId, fe.statusCode, code);
  }
  return problem(lang, requestId, 500, 'common.internal');
}
