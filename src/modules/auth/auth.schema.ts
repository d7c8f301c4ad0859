import { z } from 'zod';
import { recordId } from '../../common/id.ts';
import { singleLineText } from '../../common/text.ts';

export const loginBody = z.strictObject({
  username: singleLineText().min(1).max(32),
  password: z.string().min(1).max(128),
});
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export const createTokenBody = z.strictObject({
  name: singleLineText().min(1).max(60),
  roleIds: z.array(recordId).max(20),
  managingInstitutionId: recordId,
  expiresAt: z.iso.datetime().nullable().optional(),
});

const named = z.object({ id: z.number().int(), name: z.string() });

/** GET /me: who am I. Exact: the web app's session state is built from it. */
export const meAnswer = z.object({
  id: z.number().int(), username: z.string(), displayName: z.string(),
  homeInstitution: named, managingInstitution: named,
  roles: z.array(z.object({ id: z.number().int(), code: z.string(), nameZh: z.string(), nameEn: z.string() })),
  permissions: z.array(z.string()), dataScope: z.enum(['institution', 'own']),
  mustChangePassword: z.boolean(), passwordExpiresAt: z.string().nullable(), csrfToken: z.string(),
  idleMinutes: z.number().int(),
  passwordPolicy: z.object({ minLength: z.number().int(), minClasses: z.number().int(), historyCount: z.number().int(), maxAgeDays: z.number().int() }),
});
export type Me = z.infer<typeof meAnswer>;

/** POST /auth/login: the session cookie is set; the CSRF token is for the X-CSRF-Token header. */
export const loginAnswer = z.object({
  userId: z.number().int(), csrfToken: z.string(), mustChangePassword: z.boolean(), passwordExpiresAt: z.string().nullable(),
});
