// Typed application errors. A service throws `new AppError('org.institution.code_taken', 409, {code})`;
// the HTTP layer turns it into RFC 9457 problem+json with the message in the caller's language.
export interface FieldError { path: string; code: string; params?: Record<string, unknown> }

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (entity: string) => new AppError('common.not_found', 404, { entity: `entity.${entity}` });
export const forbidden = (permission: string) => new AppError('common.forbidden', 403, { permission });
export const conflict = () => new AppError('common.conflict', 409);
/** One or more field-level rule violations found by a service (after zod has passed). */
export const invalid = (...fieldErrors: FieldError[]) => new AppError('common.validation', 422, {}, fieldErrors);
