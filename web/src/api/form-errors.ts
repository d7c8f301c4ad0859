// Puts the server's field errors on the antd Form fields they name. Paths come as
// 'body.code', 'code' or 'body.levels.0.nameZh'; the leading request part is dropped.
import type { FormInstance } from 'antd';
import { isApiError, type FieldProblem } from './client';

type NamePath = (string | number)[];

const REQUEST_PARTS = new Set(['body', 'querystring', 'params']);

export function fieldPath(path: string): NamePath {
  const parts = path.split('.').filter(Boolean);
  if (parts.length > 1 && REQUEST_PARTS.has(parts[0]!)) parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Sets the errors of fields the form has and returns the rest, which the caller shows elsewhere.
 * `aliases` maps a server field to the form field showing it (e.g. roleIds → roles).
 */
export function applyFieldErrors(form: FormInstance, err: unknown, aliases: Record<string, string> = {}): FieldProblem[] {
  if (!isApiError(err) || err.errors.length === 0) return [];
  const mounted = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const byField = new Map<string, { name: NamePath; messages: string[] }>();
  const rest: FieldProblem[] = [];
  for (const e of err.errors) {
    const name = fieldPath(e.path);
    const head = aliases[String(name[0])] ?? String(name[0]);
    if (!mounted.has(head)) { rest.push(e); continue; }
    const target: NamePath = [head, ...name.slice(1)];
    const key = target.join('.');
    const entry = byField.get(key) ?? { name: target, messages: [] };
    if (!entry.messages.includes(e.message)) entry.messages.push(e.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name, errors: f.messages })));
  return rest;
}
