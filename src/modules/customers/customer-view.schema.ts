// GET /customers/:id — the single customer view (CIF-2) as the customer page reads it. Exact: the
// OpenAPI document names every key (docs/api.md); the customer's own fields are a map by API name
// (fields.ts: personal and corporate field sets differ), sensitive ones masked.
import { z } from 'zod';
import { timestamp } from '../../common/http/answers.ts';

const id = z.number().int();
const date = z.string().describe('YYYY-MM-DD');
const managerRole = z.enum(['primary', 'assisting', 'assistant']);

export const customerView = z.object({
  id, customerNo: z.string(), kind: z.enum(['personal', 'corporate']), name: z.string(),
  status: z.enum(['active', 'deleted', 'merged']), statusReason: z.string().nullable(), mergedInto: id.nullable(),
  blacklisted: z.boolean(), origin: z.enum(['crm', 'core']), version: id, createdAt: timestamp, updatedAt: timestamp,
  institution: z.object({ id, code: z.string(), name: z.string() }),
  managers: z.array(z.object({ id, displayName: z.string(), role: managerRole, since: date, temporaryStaff: z.boolean() })).describe('who manages the customer today, primary first'),
  managerHistory: z.array(z.object({
    id, userId: id, displayName: z.string(), role: managerRole, since: date, endsOn: date.nullable(), temporaryStaff: z.boolean(), userStatus: z.string(),
    assignedBy: z.string().nullable(), assignedAt: timestamp, assignmentId: id.nullable(), endedBy: z.string().nullable(), endedAt: timestamp.nullable(), endReason: z.string().nullable(),
  })).describe('every management relation, newest first'),
  fields: z.record(z.string(), z.unknown()).describe('the fields of the kind by API name (fields.ts), sensitive ones masked'),
  identities: z.array(z.object({ seq: id, idType: z.string(), idNumber: z.string().describe('masked'), expiresOn: date.nullable() })),
  computed: z.object({ age: id.nullable().optional(), annualIncome: z.string().nullable().optional() }).describe('personal customers: age today, monthly income × 12'),
  addresses: z.array(z.object({ id, addressType: z.string(), divisionCode: z.string().nullable(), address: z.string().describe('masked'), postcode: z.string().nullable(), isPrimary: z.boolean() })),
  blacklist: z.array(z.object({ id, listKind: z.enum(['internal', 'external']), reason: z.string(), source: z.string(), listedOn: date, expiresOn: date.nullable(), removedOn: date.nullable() })),
  riskAssessments: z.array(z.object({ id, assessedOn: date, validUntil: date, result: z.string(), score: id.nullable(), channel: z.string().nullable() })),
  certificates: z.array(z.object({ id, certType: z.string(), number: z.string(), issuer: z.string().nullable(), issuedOn: date.nullable(), expiresOn: date.nullable(), status: z.enum(['current', 'superseded', 'voided']), version: id })),
  canReveal: z.boolean().describe('I hold customer.sensitive.read'),
  reviewedFields: z.array(z.string()).describe('fields whose change goes to review first (CIF-40)'),
});
