// Flow numbers: year (4) + branch number (2) + sequence (4), e.g. 2026010007 (seed 001 §3.2.7:
// "年份(4 位)+社号(2 位)+顺序号(4 位),不允许手工修改"). The branch number is the first two
// characters of the branch's institution code (0100 → 01, the code scheme of the demo and of most
// banks' 4-character codes). The sequence is one counter row per branch and year, bumped in the
// caller's transaction: concurrent creations wait on the row lock and take consecutive numbers,
// and a creation that rolls back gives its number back, so the series has no gaps.
import { sql } from 'kysely';
import type { Tx } from '../../../db/database.ts';
import { AppError } from '../../../common/http/errors.ts';

export const MAX_SEQUENCE = 9999;

export function formatFlowNo(year: number, branchCode: string, seq: number): string {
  return `${year}${branchCode.slice(0, 2).toUpperCase()}${String(seq).padStart(4, '0')}`;
}

/** The next number of the branch's series for `year`, inside the transaction that uses it. */
export async function nextFlowNo(tx: Tx, branch: { id: number; code: string }, year: number): Promise<string> {
  const row = await sql<{ last_seq: number }>`
    insert into document_flow_counter (branch_id, year, last_seq) values (${branch.id}, ${year}, 1)
    on conflict (branch_id, year) do update set last_seq = document_flow_counter.last_seq + 1
    returning last_seq`.execute(tx);
  const seq = row.rows[0]!.last_seq;
  // The check constraint would refuse 10000 with a database error; say it in the bank's words.
  if (seq > MAX_SEQUENCE) throw new AppError('documents.numbers_exhausted', 409, { year, max: MAX_SEQUENCE });
  return formatFlowNo(year, branch.code, seq);
}
