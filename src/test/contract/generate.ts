// Request values for the contract fuzzer (docs/api.md): valid values and hostile ones, generated
// from the JSON schemas of the OpenAPI document (what zod's schemas become). Deterministic for a
// seed, so a failure prints a request that can be sent again.

export type JsonSchema = {
  type?: string; enum?: unknown[]; format?: string; pattern?: string; nullable?: boolean; default?: unknown;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; exclusiveMinimum?: boolean | number;
  minItems?: number; maxItems?: number; items?: JsonSchema; properties?: Record<string, JsonSchema>; required?: string[];
  additionalProperties?: boolean | JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[];
};

/** mulberry32: small, seedable, good enough to spread cases. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof random>;

// Strings that satisfy the patterns the API's schemas use (dates, codes, mobiles, e-mail, uuids,
// amounts); the first one that matches a field's pattern and length is taken.
const PATTERNED = [
  '2026-06-30', '2026-06-30T08:00:00Z', 'A100', '0101', 'zhang.san', 'abc_def', 'customer.read', '13812345678',
  'a.b@example.com', '0b9a4f3e-2c1d-4e5f-8a7b-6c5d4e3f2a1b', '08-18', 'C-2026-1', '123456', 'CNY', '0123456789',
  '1.5', '100.00', '01', '1',
];

/** The values a valid request may hold in this place: ids of the test book, known codes. */
export interface Hints { ids: number[]; strings?: string[] }

export function validValue(s: JsonSchema, rnd: Random, hints: Hints, depth = 0): unknown {
  if (s.enum?.length) return rnd.pick(s.enum);
  if (s.anyOf?.length || s.oneOf?.length) {
    const options = (s.anyOf ?? s.oneOf)!.filter((o) => !(o.type === 'null'));
    // An amount is a number or a decimal string whose rule JSON Schema does not carry: the number.
    const numeric = options.find((o) => o.type === 'number' || o.type === 'integer');
    const picked = numeric && options.length === 2 && options.some((o) => o.type === 'string' && !o.pattern && !o.enum) ? numeric : undefined;
    return validValue(picked ?? rnd.pick(options.length ? options : (s.anyOf ?? s.oneOf)!), rnd, hints, depth);
  }
  if (s.allOf?.length) return validValue(Object.assign({}, ...s.allOf), rnd, hints, depth);
  switch (s.type) {
    case 'integer': {
      const lo = Math.max(s.minimum ?? 0, 0) + (s.exclusiveMinimum === true ? 1 : 0);
      const hi = Math.min(s.maximum ?? 1000, 1000);
      // Ids: mostly the book's own, so that lookups find something.
      if (hi >= 1000 && lo <= 1 && rnd.chance(0.8)) return rnd.pick(hints.ids);
      return lo <= hi ? rnd.int(lo, hi) : lo;
    }
    case 'number': {
      const lo = s.minimum ?? 0; const hi = Math.min(s.maximum ?? 1000, 1000);
      return Math.round((lo + rnd.next() * Math.max(hi - lo, 0)) * 100) / 100;
    }
    case 'boolean': return rnd.chance(0.5);
    case 'string': return validString(s, rnd, hints);
    case 'array': {
      const n = Math.min(Math.max(s.minItems ?? 0, rnd.int(0, 2)), s.maxItems ?? 3);
      return Array.from({ length: n }, () => validValue(s.items ?? {}, rnd, hints, depth + 1));
    }
    case 'object': return validObject(s, rnd, hints, depth);
    default: return s.properties ? validObject(s, rnd, hints, depth) : 'x';
  }
}

function validObject(s: JsonSchema, rnd: Random, hints: Hints, depth: number) {
  const out: Record<string, unknown> = {};
  const required = new Set(s.required ?? []);
  for (const [k, sub] of Object.entries(s.properties ?? {})) {
    if (required.has(k) || (depth < 3 && rnd.chance(0.6))) out[k] = sub.nullable && rnd.chance(0.15) ? null : validValue(sub, rnd, hints, depth + 1);
  }
  return out;
}

function validString(s: JsonSchema, rnd: Random, hints: Hints): string {
  const min = s.minLength ?? 0; const max = s.maxLength ?? 40;
  const fits = (v: string) => [...v].length >= min && [...v].length <= max;
  if (s.format === 'date') return rnd.pick(['2026-06-30', '2026-01-01', '2025-12-31']);
  if (s.format === 'date-time') return '2026-06-30T08:00:00Z';
  if (s.format === 'uri') return 'https://imaging.example.com/scans/1';
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const found = [...(hints.strings ?? []), ...PATTERNED].find((v) => re.test(v) && fits(v));
    return found ?? PATTERNED[0]!;
  }
  const words = ['测试', '张三', 'Test', '青岛市市南区香港中路8号', '阿依古丽·买买提', 'note'];
  let v = rnd.pick([...(hints.strings ?? []), ...words]);
  while ([...v].length < min) v += 'x';
  return [...v].slice(0, Math.max(max, 1)).join('');
}

// What a hostile client sends instead of a field's value.
const HOSTILE_STRINGS = [
  "' OR 1=1 --", "'; drop table customer; --", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
  '𠮷𡈼𫖯', '😀😀', '../../etc/passwd', '%00', '\\u0000', '${7*7}', '{{7*7}}', ' ', '', 'NaN', '-0', '1e309',
];
const HOSTILE_NUMBERS = [2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 63, -1, 0, -(2 ** 31) - 1, 1.5, 1e308];

/** One hostile value for a field of this schema: wrong type, out of range, overlong, injection. */
export function hostileValue(s: JsonSchema, rnd: Random): unknown {
  const kind = rnd.int(0, 5);
  if (kind === 0) return rnd.pick([null, true, {}, [], [1, 2], { a: 1 }]);
  if (kind === 1) return rnd.pick(HOSTILE_NUMBERS);
  if (kind === 2) return 'x'.repeat(rnd.pick([256, 4001, 70000]));
  if (kind === 3) return rnd.pick(HOSTILE_STRINGS);
  if (kind === 4 && s.type === 'string') return String(rnd.pick(HOSTILE_NUMBERS));
  return s.type === 'integer' || s.type === 'number' ? rnd.pick(['1', 'abc', String(2 ** 31), '99999999999999999999']) : rnd.pick(HOSTILE_STRINGS);
}

/** The same for a query string or path segment, where everything is text. */
export function hostileText(rnd: Random): string {
  return String(rnd.pick<unknown>([...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, 'x'.repeat(5000), '99999999999999999999', '1;2', '[]', '{}']));
}

/**
 * A hostile version of a valid body: a field with a hostile value, a required field missing,
 * an unknown or prototype key, or a body of the wrong shape. Returned as JSON text, because
 * "__proto__" only survives as text.
 */
export function hostileBody(s: JsonSchema | undefined, valid: unknown, rnd: Random): string {
  const obj = valid && typeof valid === 'object' && !Array.isArray(valid) ? { ...(valid as Record<string, unknown>) } : {};
  const props = Object.keys(s?.properties ?? {});
  switch (rnd.int(0, 6)) {
    case 0: case 1: case 2: {
      if (!props.length) break;
      const k = rnd.pick(props);
      obj[k] = hostileValue(s!.properties![k]!, rnd);
      return JSON.stringify(obj);
    }
    case 3: {
      const req = s?.required ?? [];
      if (req.length) delete obj[rnd.pick(req)];
      return JSON.stringify(obj);
    }
    case 4: {
      const text = JSON.stringify(obj);
      const key = rnd.pick(['__proto__', 'constructor', 'prototype']);
      const inject = `"${key}":{"isAdmin":true,"permissions":["*"]}`;
      return text === '{}' ? `{${inject}}` : `{${inject},${text.slice(1)}`;
    }
    case 5: return JSON.stringify(rnd.pick<unknown>([[], 'text', 42, null, [obj]]));
    default: break;
  }
  obj[rnd.pick(['unknownField', 'id', 'createdBy', 'institution_id'])] = rnd.pick<unknown>([1, 'x', 2 ** 31]);
  return JSON.stringify(obj);
}
