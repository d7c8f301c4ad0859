import { z } from 'zod';

const permissionCodes = z.array(z.string().regex(/^[a-z_.]{3,64}$/)).max(100);

export const createRoleBody = z.strictObject({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{2,39}$/, 'org.role.code_format'),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(80),
  description: z.string().trim().max(200).nullable().optional(),
  dataScope: z.enum(['institution', 'own']),
  permissions: permissionCodes,
});
export type CreateRole = z.infer<typeof createRoleBody>;

export const updateRoleBody = z.strictObject({
  version: z.number().int().positive(),
  nameZh: z.string().trim().min(1).max(40).optional(),
  nameEn: z.string().trim().min(1).max(80).optional(),
  description: z.string().trim().max(200).nullable().optional(),
  dataScope: z.enum(['institution', 'own']).optional(),
  permissions: permissionCodes.optional(),
});
export type UpdateRole = z.infer<typeof updateRoleBody>;
