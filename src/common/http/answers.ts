// Building blocks of routes' response schemas (documentation: they reach the OpenAPI document
// and the contract fuzzer checks answers against them; they do not reshape answers, app.ts).
import { z } from 'zod';

/** A 204: no body (openapi.ts gives it no content in the document). */
export const noContent = z.null().describe('No body');

/** A count or a figure per key. */
export const counts = z.record(z.string(), z.number().int());

/** A timestamp: a Date in the handler, an ISO 8601 date-time string on the wire and in the document. */
export const timestamp = z.date();
