// A workflow type is code: what a request carries (a zod schema), what is checked when it is
// submitted, what it was based on, and what happens when its last step approves. Who approves is
// not here: that is the data of approval_step (approval-steps.service.ts). A module adds a type by
// writing one of these beside its own service and registering it in src/server/workflow-types.ts.
import type { z } from 'zod';
import type { Executor, Tx } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * What a request is about, for the inbox and the subject's own screen; and, when the check read
 * it anyway, the request's basis (as the type's `basis` would read it), sparing that read.
 */
export interface ApprovalSubject {
  type: string; id: string | number; label: string; basis?: Record<string, unknown>;
  /**
   * Institutions the request names, by the party names the type declares: a step whose acting
   * institution is a party acts there (a transfer's 'transferring_out' and 'receiving').
   */
  parties?: Record<string, number>;
  /** The conditions of the type's declared ones this request meets: steps `only_when` one of them are planned. */
  conditions?: string[];
}

/** One field the request would change, old → new, as the reviewer's drawer shows it. */
export interface ProposedChange { field: string; old: string | null; new: string | null }

/** The request being applied, as its type's `apply` sees it. */
export interface AppliedRequest {
  id: number; makerId: number;
  /** Refuses the approval (409 approvals.stale, naming the fields) when `now` differs from the basis recorded at submission. */
  assertBasis(now: Record<string, unknown> | null): void;
}

export interface WorkflowType<P> {
  /** 'customer.delete': names the steps in approval_step and the messages approvals.type.<code>. */
  code: string;
  payload: z.ZodType<P>;
  /** The party names a step of this type may act at, besides the maker's 'own' and 'parent'. */
  parties?: readonly string[];
  /** The conditions a step of this type may be planned `only_when`. */
  conditions?: readonly string[];
  /**
   * Run at submission in the maker's transaction and data scope: refuses (throws an AppError) what
   * could never be applied, and names the subject.
   */
  check(tx: Tx, maker: Actor, payload: P): Promise<ApprovalSubject>;
  /**
   * What the payload was based on (a version, an updated_at, field values), recorded at submission
   * and compared at apply: a difference refuses the approval instead of overwriting newer data.
   */
  basis?(tx: Tx, payload: P): Promise<Record<string, unknown>>;
  /**
   * The type compares the basis itself, in `apply`, on the row it locks to apply (through
   * `request.assertBasis`): then the engine does not read `basis` before the apply. Better where
   * the apply locks the subject anyway — the comparison is made on the locked row, which nothing
   * can change before the commit, and a read is spared.
   */
  basisCheckedInApply?: boolean;
  /** Old → new per field, for the reviewer (masked where the reader may not see the value). */
  changes?(db: Executor, payload: P): Promise<ProposedChange[]>;
  /**
   * Run when the last step approves, in the same transaction as that decision, as the approving
   * checker (whose name goes into the subject's history and audit row). Returns the result kept
   * on the request.
   */
  apply(tx: Tx, checker: Actor, payload: P, request: AppliedRequest): Promise<Record<string, unknown>>;
  /**
   * The payload as a reader of the request sees it, when the stored one holds personal data that
   * screens show masked (an ID number keyed into a customer change). Default: the payload itself.
   */
  shownPayload?(payload: P): Record<string, unknown>;
  /** The fields an open request would change, for the "pending" mark on its subject's screen. */
  pendingFields?(payload: P): string[];
}

const registry = new Map<string, WorkflowType<unknown>>();

export function registerWorkflowType<P>(type: WorkflowType<P>): void {
  const known = registry.get(type.code);
  if (known && known !== (type as WorkflowType<unknown>)) throw new Error(`two workflow types named ${type.code}`);
  registry.set(type.code, type as WorkflowType<unknown>);
}

export function workflowType(code: string): WorkflowType<unknown> {
  const type = registry.get(code);
  // A request row of a type no longer in the code: a deployment error, not the user's.
  if (!type) throw new Error(`workflow type ${code} is not registered`);
  return type;
}

export const workflowTypeCodes = () => [...registry.keys()];
