// For the few routes whose body schema depends on stored data (a customer's kind decides which
// fields a PATCH may carry): validate in the handler with the same compiler Fastify uses, and
// fail with the same error, so the client sees an ordinary 400 problem with field paths.
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = validatorCompiler({ schema, method: 'PATCH', url: '', httpPart: 'body' } as never)(body) as { value?: unknown; error?: unknown[] };
  if (result.error) throw Object.assign(new Error('body validation failed'), { validation: result.error, validationContext: 'body', statusCode: 400 });
  return result.value as z.infer<T>;
}
