// RFC 9457 problem+json: every error the API returns has this shape, with the message in the
// caller's language and, for field errors, the path of each offending field.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { hasMessage, t, type Lang } from '../i18n/i18n.ts';

const zodLocales = { 'zh-CN': z.locales.zhCN(), 'en-US': z.locales.en() };

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  requestId: string;
  errors?: { path: string; code: string; message: string }[];
  /** Machine-readable details of the error (e.g. the existing customer's number), when it has any. */
  params?: Record<string, unknown>;
}

function translateParams(lang: Lang, params: Record<string, unknown>) {
  // A param that is itself a message key ('entity.institution', 'approvals.type.customer.delete') is translated too.
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && /^(entity|approvals\.type|documents\.status)\./.test(v) ? t(lang, v) : v]));
}

function problem(lang: Lang, requestId: string, status: number, code: string, params: Record<string, unknown> = {}, errors?: Problem['errors']): Problem {
  const title = t(lang, code, { ...translateParams(lang, params), requestId });
  const data = Object.fromEntries(Object.entries(params).filter(([, v]) => !(typeof v === 'string' && v.startsWith('entity.'))));
  return { type: `urn:bank-crm:problem:${code}`, title, status, code, requestId, ...(errors?.length ? { errors } : {}), ...(Object.keys(data).length ? { params: data } : {}) };
}

/** The message of an AppError in `lang`, its first field error's when it has any: for reports that list many refusals. */
export function appErrorMessage(lang: Lang, err: AppError): string {
  const f = err.fieldErrors[0];
  if (f && hasMessage(f.code)) return t(lang, f.code, translateParams(lang, f.params ?? {}));
  return t(lang, err.code, translateParams(lang, err.params));
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.status(p.status).type('application/problem+json; charset=utf-8').send(p);
}

/** The value zod rejected (zod issues do not carry it), so messages say "received number", not "received undefined". */
function rejectedValue(req: FastifyRequest, where: string, path: string[]): unknown {
  const source = where === 'querystring' ? req.query : where === 'params' ? req.params : where === 'headers' ? req.headers : req.body;
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), source);
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
    return problem(lang, requestId, 400, 'common.validation', {}, err.validation.flatMap((v) => {
      const segments = v.instancePath.split('/').filter(Boolean);
      const path = [where, ...segments].join('.');
      // One error per unknown field, at the field's own path, so a form can mark it.
      if (v.keyword === 'unrecognized_keys') {
        return ((v.params as { keys?: string[] }).keys ?? []).map((field) => ({
          path: [where, ...segments, field].join('.'), code: v.keyword, message: t(lang, 'common.unknown_field', { field }),
        }));
      }
      const issue = { ...(v.params as object), input: rejectedValue(req, where, segments), code: v.keyword, path: segments, message: v.message } as never;
      // A refinement that names its own code (common/text.ts) reports it instead of zod's generic 'custom'.
      const own = (v.params as { params?: { code?: string } }).params;
      const code = own?.code ?? v.keyword;
      let message: string;
      if (v.message && hasMessage(v.message)) message = t(lang, v.message, { ...(v.params as object), ...own });
      else {
        const m = zodLocales[lang].localeError(issue);
        message = typeof m === 'string' ? m : (m?.message ?? v.message ?? v.keyword);
      }
      return [{ path, code, message }];
    }));
  }
  const fe = err as FastifyError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 429 ? 'common.rate_limited' : fe.statusCode === 413 ? 'common.payload_too_large' : fe.statusCode === 404 ? 'common.route_not_found' : 'common.bad_request';
    return problem(lang, requestId, fe.statusCode, code);
  }
  return problem(lang, requestId, 500, 'common.internal');
}
