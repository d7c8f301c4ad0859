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

export interface Me {
  id: number; username: string; displayName: string;
  homeInstitution: { id: number; name: string }; managingInstitution: { id: number; name: string };
  roles: { id: number; code: string; nameZh: string; nameEn: string }[];
  permissions: string[]; dataScope: 'institution' | 'own';
  mustChangePassword: boolean; passwordExpiresAt: string | null; csrfToken: string;
  idleMinutes: number;
  passwordPolicy: { minLength: number; minClasses: number; historyCount: number; maxAgeDays: number };
}
