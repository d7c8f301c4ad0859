import { z } from 'zod';
import { singleLineText } from '../../common/text.ts';

const permissionCodes = z.array(z.string().regex(/^[a-z_.]{3,64}$/)).max(100);

export const createRoleBody = z.strictObject({
  code: singleLineText().regex(/^[a-z][a-z0-9_]{2,39}$/, 'org.role.code_format'),
  nameZh: singleLineText().min(1).max(40),
  nameEn: singleLineText().min(1).max(80),
  description: singleLineText().max(200).nullable().optional(),
  dataScope: z.enum(['institution', 'own']),
  permissions: permissionCodes,
});
export type CreateRole = z.infer<typeof createRoleBody>;

export const updateRoleBody = z.strictObject({
  version: z.number().int().positive(),
  nameZh: singleLineText().min(1).max(40).optional(),
  nameEn: singleLineText().min(1).max(80).optional(),
  description: singleLineText().max(200).nullable().optional(),
  dataScope: z.enum(['institution', 'own']).optional(),
  permissions: permissionCodes.optional(),
});
export type UpdateRole = z.infer<typeof updateRoleBody>;
