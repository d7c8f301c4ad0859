// Two imports (or an import and a clerk) opening the same document at once: the check before the
// transaction passed for both, and the unique index stops the second. That is the existence
// error of CIF-1, not a server fault; the whole file is rolled back and can be checked again.
import { AppError } from '../../common/http/errors.ts';

export async function existenceGuard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as { code?: string; constraint?: string; message?: string };
    if (e.code === '23505' && /customer_identity_document_key|credit_code_key|org_code_key/.test(`${e.constraint ?? ''} ${e.message ?? ''}`)) {
      throw new AppError('customers.exists_race', 409);
    }
    throw err;
  }
}
