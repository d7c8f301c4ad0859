// Whether the embedded database holds a complete demo book (setting 'demo.book').
import { z } from 'zod';

export const demoBookStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('building'), seed: z.number().int(), endDate: z.string() }),
  z.object({ status: z.literal('complete'), seed: z.number().int(), endDate: z.string(), customers: z.number().int(), accounts: z.number().int(), days: z.number().int(), ms: z.number().int() }),
]);
export type DemoBookState = z.infer<typeof demoBookStateSchema>;
