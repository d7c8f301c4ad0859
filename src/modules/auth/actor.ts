// Who is making a request, as every service sees it: identity for the audit log, permissions for
// authorisation and the data scope that queries turn into SQL.
export interface Actor {
  kind: 'user' | 'token' | 'system';
  /** app_user.id, api_token.id, or null for the system. */
  id: number | null;
  /**
   * The person whose rights are used: the user himself, or the person who issued the token.
   * Rules about oneself (no self-grant, no resetting one's own password) compare this, so a
   * token cannot do for its issuer what his session may not.
   */
  personId: number | null;
  name: string;
  /** Home institution, recorded in the audit log. */
  institutionId: number | null;
  /** Managing institution: its subtree is what the actor may see (USR-2). */
  managingInstitutionId: number;
  /** Materialised path of the managing institution, e.g. '/1/4/'. */
  scopePath: string;
  /** 'own' = only customers the actor manages; the institution subtree still bounds everything. */
  dataScope: 'institution' | 'own';
  permissions: ReadonlySet<string>;
  ip: string | null;
  requestId: string | null;
}

/** The actor for start-up seeding and scheduled jobs: sees the whole bank, audited as 'system'. */
export function systemActor(rootInstitutionId: number, rootPath: string): Actor {
  return {
    kind: 'system', id: null, personId: null, name: 'system', institutionId: null,
    managingInstitutionId: rootInstitutionId, scopePath: rootPath, dataScope: 'institution',
    permissions: new Set(), ip: null, requestId: null,
  };
}

export function can(actor: Actor, permission: string): boolean {
  return actor.kind === 'system' || actor.permissions.has(permission);
}
