// PLAT-1 audit log: append-only and hash-chained. Every change writes its row in the same
// transaction as the change (so a rolled-back change leaves no row); reads of sensitive personal
// data write one too.
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { isExpression, sql, type Expression } from 'kysely';
import type { Executor, Tx } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { auditObjectNames } from './audit.names.ts';

// The chain is serialised by advisory lock 7301002, taken by audit_chain_head() (migration 0026)
// and held from the audit insert to the end of its transaction. Services write their audit row
// last, so the lock is held only for the commit.

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** The identity parts of an actor the log needs; an anonymous failed login has only a name. */
export type AuditActor = Pick<Actor, 'kind' | 'id' | 'name' | 'institutionId' | 'ip' | 'requestId'> | AnonymousActor;
export interface AnonymousActor { kind: 'anonymous'; id: null; name: string; institutionId: null; ip: string | null; requestId: string | null }

// JSON round trip: Dates become ISO strings and undefined disappears, exactly as jsonb will
// return them, so the hash computed now equals the one recomputed from the stored row.
const normalise = (v: unknown) => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

type AuditLogKind = 'user' | 'token' | 'system' | 'anonymous';

interface HashedContent {
  occurred_at: string; actor_kind: AuditLogKind; actor_id: number | null; actor_name: string | null;
  actor_institution_id: number | null; action: string; entity_type: string | null; entity_id: string | null;
  before: unknown; after: unknown; client_ip: string | null; request_id: string | null; prev_hash: string | null;
}

export function auditHash(content: HashedContent): string {
  return createHash('sha256').update(canonicalize(content)!).digest('hex');
}

// The canonical form of the hashed content with prev_hash null, cut around that null: the chain's
// head is read and the hash computed by the insert itself (sha256 of prefix + head + suffix), so
// an audit row costs one round trip. prev_hash is the second-last key of the canonical (sorted)
// form and request_id the last; a JSON string value escapes its quotes, so the last occurrence
// of this marker is the top-level one.
const PREV_HASH = '"prev_hash":null,"request_id":';

export async function writeAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await auditInsert(actor, entry).execute(tx);
}

/**
 * The audit row's insert as one statement, for a service that sends it as a common table
 * expression of its last statement (`audited as (…)`): the chain's lock is then taken, as with
 * writeAudit, by the statement before the commit. `entityId` may be SQL (an id the same statement
 * inserts, e.g. `(select id from request)`): it is cut out of the hashed text like the head.
 */
export function auditInsert(actor: AuditActor, entry: Omit<AuditEntry, 'entityId'> & { entityId?: AuditEntry['entityId'] | Expression<unknown> }) {
  const entityIdSql = isExpression(entry.entityId) ? sql`(${entry.entityId})::text` : null;
  // Stands for the SQL entity id in the canonical text: random, so no value can hold it.
  const hole = entityIdSql ? randomUUID() : null;
  const content: HashedContent = {
    occurred_at: new Date().toISOString(),
    actor_kind: actor.kind,
    actor_id: actor.id,
    actor_name: actor.name,
    actor_institution_id: actor.institutionId,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: hole ?? (entry.entityId == null ? null : String(entry.entityId as string | number)),
    before: normalise(entry.before),
    after: normalise(entry.after),
    client_ip: actor.ip,
    request_id: actor.requestId,
    prev_hash: null,
  };
  const canonical = canonicalize(content)!;
  const at = canonical.lastIndexOf(PREV_HASH) + '"prev_hash":'.length;
  const [prefix, suffix] = [canonical.slice(0, at), canonical.slice(at + 'null'.length)];
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const entityId = entityIdSql ?? sql`${content.entity_id}`;
  // Before the head: the canonical text up to the entity id, the id as JSON text, the rest.
  const head = hole
    ? sql`${prefix.slice(0, prefix.indexOf(JSON.stringify(hole)))}::text || to_json(${entityIdSql})::text || ${prefix.slice(prefix.indexOf(JSON.stringify(hole)) + JSON.stringify(hole).length)}::text`
    : sql`${prefix}::text`;
  // audit_chain_head() (migration 0026) locks the chain and reads its head under a fresh snapshot;
  // the hash is the one auditHash() computes from the stored row (verifyAuditChain recomputes it).
  return sql`
    insert into audit_log (occurred_at, actor_kind, actor_id, actor_name, actor_institution_id, action, entity_type, entity_id,
                           before, after, client_ip, request_id, prev_hash, hash)
    select ${content.occurred_at}::timestamptz, ${content.actor_kind}, ${content.actor_id}::int4, ${content.actor_name}, ${content.actor_institution_id}::int4,
           ${content.action}, ${content.entity_type}, ${entityId}, ${json(content.before)}::jsonb, ${json(content.after)}::jsonb,
           ${content.client_ip}, ${content.request_id}, h.head,
           encode(sha256(convert_to(${head} || coalesce(to_json(h.head)::text, 'null') || ${suffix}::text, 'UTF8')), 'hex')
      from (select audit_chain_head() as head) h`;
}

export interface VerifyResult { checked: number; ok: boolean; firstBroken?: { id: number; reason: 'content' | 'link' } }

/** Walks the whole chain in id order and reports the first row whose hash or link is wrong. */
export async function verifyAuditChain(db: Executor, batchSize = 2000): Promise<VerifyResult> {
  let prevHash: string | null = null;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll()
      .where('id', '>', afterId).orderBy('id').limit(batchSize).execute();
    if (rows.length === 0) return { checked, ok: true };
    for (const r of rows) {
      const id = r.id;
      if (r.prev_hash !== prevHash) return { checked, ok: false, firstBroken: { id, reason: 'link' } };
      const expected = auditHash({
        occurred_at: new Date(r.occurred_at).toISOString(),
        actor_kind: r.actor_kind, actor_id: r.actor_id, actor_name: r.actor_name,
        actor_institution_id: r.actor_institution_id, action: r.action,
        entity_type: r.entity_type, entity_id: r.entity_id,
        before: r.before ?? null, after: r.after ?? null,
        client_ip: r.client_ip, request_id: r.request_id, prev_hash: r.prev_hash,
      });
      if (expected !== r.hash) return { checked, ok: false, firstBroken: { id, reason: 'content' } };
      prevHash = r.hash;
      checked++;
      afterId = id;
    }
  }
}

export interface AuditSearch {
  from?: string; to?: string; actor?: string; action?: string; entityType?: string; entityId?: string; page: number; pageSize: number;
}

/**
 * The log as the auditor reads it. Head office sees every row (failed sign-ins of unknown names
 * have no institution); anyone else the rows of actors whose home institution is in their charge.
 */
export async function searchAudit(db: Executor, actor: Actor, f: AuditSearch) {
  const atRoot = /^\/\d+\/$/.test(actor.scopePath);
  let q = db.selectFrom('audit_log');
  if (!atRoot) q = q.where('actor_institution_id', 'in', (eb) => eb.selectFrom('institution').select('id').where('path', 'like', actor.scopePath + '%'));
  if (f.from) q = q.where('occurred_at', '>=', new Date(f.from));
  if (f.to) q = q.where('occurred_at', '<', new Date(f.to));
  if (f.actor) q = q.where('actor_name', '=', f.actor);
  if (f.action) q = q.where('action', 'like', f.action.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  // Count only up to a cap: an exact count over millions of rows is slow and nobody pages that far.
  const capped = await q.select('id').limit(10_001).execute();
  const items = await q.selectAll().orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const names = await auditObjectNames(db, items);
  return {
    total: Math.min(capped.length, 10_000), totalCapped: capped.length > 10_000, page: f.page, pageSize: f.pageSize,
    items: items.map((r) => ({
      id: r.id, occurredAt: r.occurred_at, actorKind: r.actor_kind, actorId: r.actor_id, actorName: r.actor_name,
      actorInstitutionId: r.actor_institution_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
      entityName: names.get(`${r.entity_type}:${r.entity_id}`) ?? null,
      before: r.before, after: r.after, clientIp: r.client_ip, requestId: r.request_id, hash: r.hash,
    })),
  };
}
