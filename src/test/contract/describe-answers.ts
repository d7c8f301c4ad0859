// Loose answer schemas from the success answers the fuzzer saw (npm run fuzz -- --answers):
// for operations whose route declares no response schema of its own, the status(es) they answer
// with and the keys of their bodies, typed, every key nullable and none required, other keys
// allowed. A client generator gets the shape; the fuzzer checks the status and the key types.
// A route that declares its own response schema (exact, in zod) is left out.
type Schema = Record<string, unknown>;

function scalar(values: unknown[]): Schema {
  const seen = values.filter((v) => v !== null && v !== undefined);
  if (!seen.length) return { nullable: true };
  // Numbers stay 'number': a figure seen whole in a few answers may have decimals in the next.
  const kinds = new Set(seen.map((v) => Array.isArray(v) ? 'array' : typeof v));
  if (kinds.size > 1) return { nullable: true };
  const [kind] = [...kinds];
  if (kind === 'array') return { type: 'array', nullable: true, items: {} };
  if (kind === 'object') return { type: 'object', nullable: true, additionalProperties: true };
  return { type: kind, nullable: true };
}

function shape(values: unknown[]): Schema {
  const seen = values.filter((v) => v !== null && v !== undefined);
  if (seen.length && seen.every((v) => Array.isArray(v))) {
    const items = (seen as unknown[][]).flat();
    return { type: 'array', items: items.length && items.every((v) => v && typeof v === 'object' && !Array.isArray(v)) ? object(items as Record<string, unknown>[]) : {} };
  }
  if (seen.length && seen.every((v) => v && typeof v === 'object')) return object(seen as Record<string, unknown>[]);
  return scalar(values);
}

function object(rows: Record<string, unknown>[]): Schema {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();
  return {
    type: 'object', additionalProperties: true,
    properties: Object.fromEntries(keys.map((k) => {
      const vs = rows.map((r) => r[k]);
      // One level deeper for lists of rows ({ items: [...] }), typed keys only.
      const s = vs.some((v) => Array.isArray(v)) ? shape(vs) : scalar(vs);
      if (s.type === 'array' || s.type === 'object') s.nullable = true;
      return [k, s];
    })),
  };
}

export function describeAnswers(successes: Record<string, Record<string, unknown[]>>): Record<string, Record<string, Schema | null>> {
  return Object.fromEntries(Object.entries(successes).map(([op, byStatus]) => [op, Object.fromEntries(Object.entries(byStatus).map(([status, bodies]) =>
    [status, status === '204' || bodies.every((b) => b === null) ? null : shape(bodies)]))]));
}
