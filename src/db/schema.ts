// Typed view of the tables for Kysely. Kept by hand beside the migrations: a migration that adds
// a column adds it here in the same commit.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Kysely's ColumnType cannot be nested in Generated<> or unioned with null, so each variant is spelt out.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string | undefined, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
type Json = ColumnType<unknown, string, string>;

export interface InstitutionLevelTable { level: number; name_zh: string; name_en: string }

export interface InstitutionTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  level: number;
  kind: 'marketing' | 'statistical';
  category: 'corporate' | 'sme' | 'product' | 'non_corporate' | null;
  path: string;
  status: Generated<'active' | 'inactive'>;
  address: string | null;
  phone: string | null;
  opened_on: NullableDate;
  closed_on: NullableDate;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface InstitutionHistoryTable {
  id: Generated<number>;
  institution_id: number;
  parent_id: number | null;
  code: string;
  name: string;
  status: string;
  valid_from: DateOnly;
  valid_to: NullableDate;
  event: 'open' | 'rename' | 'move' | 'merge' | 'deactivate' | 'reactivate' | 'update';
  reason: string | null;
  changed_by: number | null;
  changed_at: Timestamp;
}

export interface PermissionTable { code: string; domain: string; name_zh: string; name_en: string }

export interface RoleTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  category: 'system' | 'management' | 'sme' | 'manager' | 'product' | 'non_corporate' | 'custom';
  description: string | null;
  builtin: Generated<boolean>;
  data_scope: Generated<'institution' | 'own'>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RolePermissionTable { role_id: number; permission_code: string }

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  employee_no: string | null;
  home_institution_id: number;
  managing_institution_id: number;
  mobile: string | null;
  email: string | null;
  status: Generated<'active' | 'disabled' | 'left'>;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  joined_on: DateOnly;
  left_on: NullableDate;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UserHistoryTable {
  id: Generated<number>;
  user_id: number;
  home_institution_id: number;
  managing_institution_id: number;
  status: string;
  valid_from: DateOnly;
  valid_to: NullableDate;
  event: 'join' | 'move' | 'leave' | 'disable' | 'enable' | 'rejoin';
  reason: string | null;
  changed_by: number | null;
  changed_at: Timestamp;
}

export interface UserRoleTable { user_id: number; role_id: number; granted_by: number | null; granted_at: Timestamp }
export interface PasswordHistoryTable { user_id: number; password_hash: string; changed_at: Timestamp }

export interface UserSessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  client_ip: string | null;
  user_agent: string | null;
  revoked_at: NullableTimestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  token_hash: string;
  managing_institution_id: number;
  created_by: number;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: number | null;
}
export interface ApiTokenRoleTable { token_id: number; role_id: number }

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor_kind: 'user' | 'token' | 'system' | 'anonymous';
  actor_id: number | null;
  actor_name: string | null;
  actor_institution_id: number | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before: NullableJson;
  after: NullableJson;
  client_ip: string | null;
  request_id: string | null;
  prev_hash: string | null;
  hash: string;
}

export interface CodeTableTable {
  code: string;
  name_zh: string;
  name_en: string;
  source: string | null;
  hierarchical: Generated<boolean>;
  builtin: Generated<boolean>;
  updated_at: Timestamp;
}

export interface CodeItemTable {
  table_code: string;
  code: string;
  name_zh: string;
  name_en: string;
  parent_code: string | null;
  level: number | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  updated_at: Timestamp;
}

export interface CalendarDayTable {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface SettingTable { key: string; value: Json; updated_by: number | null; updated_at: Timestamp }

export interface DB {
  institution_level: InstitutionLevelTable;
  institution: InstitutionTable;
  institution_history: InstitutionHistoryTable;
  permission: PermissionTable;
  role: RoleTable;
  role_permission: RolePermissionTable;
  app_user: AppUserTable;
  user_history: UserHistoryTable;
  user_role: UserRoleTable;
  password_history: PasswordHistoryTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  api_token_role: ApiTokenRoleTable;
  audit_log: AuditLogTable;
  code_table: CodeTableTable;
  code_item: CodeItemTable;
  calendar_day: CalendarDayTable;
  setting: SettingTable;
}

export type Institution = Selectable<InstitutionTable>;
export type NewInstitution = Insertable<InstitutionTable>;
export type InstitutionUpdate = Updateable<InstitutionTable>;
export type AppUser = Selectable<AppUserTable>;
