// Checks every key and string of a parsed request (body, query string, URL params) before any
// route schema runs, so no field of any route, present or future, takes what no field may hold:
// - the keys __proto__, constructor and prototype (prototype pollution). Fastify's JSON parser is
//   told to leave them in place (app.ts) so that the refusal can name the key and its path;
//   JSON.parse makes them ordinary own properties, which nothing reads before this hook;
// - the characters src/common/text.ts refuses, line breaks and tabs aside: whether a field may
//   hold several lines is the field's own schema's decision (singleLineText / multiLineText).
import type { FastifyRequest } from 'fastify';
import { hiddenCharacter } from '../common/text.ts';
import { AppError, type FieldError } from '../common/http/errors.ts';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// Passwords are secrets, never shown or compared by eye: any character a user once chose must
// still sign him in (password, newPassword, initialPassword …).
const SECRET_KEY = /password$/i;
// Enough for a form to mark every field; a body of thousands of bad strings gets no longer answer.
const MAX_ERRORS = 50;

function problemsIn(value: unknown, root: string, errors: FieldError[]) {
  // Iterative: bodies may nest deeply.
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && errors.length < MAX_ERRORS) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      // Trimmed, as every field's schema trims (common/text.ts): what is trimmed is never stored.
      const bad = hiddenCharacter(v.trim(), 'multi');
      if (bad) errors.push({ path, code: bad.code, params: { char: bad.char } });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (FORBIDDEN_KEYS.has(k)) errors.push({ path: `${path}.${k}`, code: 'common.forbidden_key', params: { field: k } });
        else if (!(SECRET_KEY.test(k) && typeof child === 'string')) stack.push([child, `${path}.${k}`]);
      }
    }
  }
}

/** preValidation hook: refuses the request with every offending field, changing nothing. */
export async function refuseHostileInput(req: FastifyRequest) {
  const errors: FieldError[] = [];
  problemsIn(req.body, 'body', errors);
  problemsIn(req.query, 'querystring', errors);
  problemsIn(req.params, 'params', errors);
  if (errors.length) throw new AppError('common.validation', 400, {}, errors.slice(0, MAX_ERRORS));
}
