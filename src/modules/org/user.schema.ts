// Request and response shapes of /api/users, shared with the web app.
import { z } from 'zod';
import { recordId, recordIdParam } from '../../common/id.ts';
import { multiLineText, singleLineText } from '../../common/text.ts';

// z.iso.date checks the calendar too: '2025-02-30' is refused here, not by the database as a 500.
const isoDate = z.iso.date('common.date_format');
export const username = singleLineText().regex(/^[A-Za-z][A-Za-z0-9._-]{2,31}$/, 'org.user.username_format');
const optionalText = (max: number) => singleLineText().max(max).nullable().optional();

export const listUsersQuery = z.strictObject({
  q: singleLineText().max(40).optional(),
  institutionId: recordIdParam.optional(),
  status: z.enum(['active', 'disabled', 'left', 'all']).default('all'),
  roleId: recordIdParam.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const createUserBody = z.strictObject({
  username,
  displayName: singleLineText().min(1).max(40),
  employeeNo: optionalText(20),
  homeInstitutionId: recordId,
  managingInstitutionId: recordId,
  mobile: singleLineText().regex(/^1[3-9]\d{9}$/, 'org.user.mobile_format').nullable().optional(),
  email: z.email().max(100).nullable().optional(),
  joinedOn: isoDate.optional(),
  roleIds: z.array(recordId).max(30).default([]),
  /** Optional: when absent the system generates one, returned once. Either way it must be changed at first sign-in. */
  initialPassword: z.string().min(1).max(128).optional(),
});
export type CreateUser = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  version: z.number().int().positive(),
  displayName: singleLineText().min(1).max(40).optional(),
  employeeNo: optionalText(20),
  mobile: singleLineText().regex(/^1[3-9]\d{9}$/, 'org.user.mobile_format').nullable().optional(),
  email: z.email().max(100).nullable().optional(),
});
export type UpdateUser = z.infer<typeof updateUserBody>;

export const moveUserBody = z.strictObject({
  version: z.number().int().positive(),
  homeInstitutionId: recordId,
  managingInstitutionId: recordId,
  effectiveDate: isoDate,
  reason: multiLineText().min(1).max(200),
});
export type MoveUser = z.infer<typeof moveUserBody>;

export const userStatusBody = z.strictObject({
  version: z.number().int().positive(),
  status: z.enum(['active', 'disabled', 'left']),
  effectiveDate: isoDate,
  reason: multiLineText().min(1).max(200),
});
export type UserStatusChange = z.infer<typeof userStatusBody>;

export const setRolesBody = z.strictObject({ roleIds: z.array(recordId).max(30) });
export const versionBody = z.strictObject({ version: z.number().int().positive() });
