// The one fetch wrapper of the web app: same-origin cookie session, JSON, the UI language in
// `x-crm-lang` (the server translates errors into it) and the CSRF token on every write.
// Errors arrive as RFC 9457 problem+json and are thrown as ApiError.
import i18n from 'i18next';

export type Lang = 'zh-CN' | 'en-US';

export interface FieldProblem { path: string; code: string; message: string }

export interface Problem {
  type: string; title: string; status: number; code: string; requestId: string;
  detail?: string; errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly requestId: string | null;
  readonly errors: FieldProblem[];

  constructor(p: Partial<Problem> & { status: number; title: string }) {
    super(p.title);
    this.name = 'ApiError';
    this.status = p.status;
    this.code = p.code ?? 'common.http';
    this.title = p.title;
    this.requestId = p.requestId ?? null;
    this.errors = p.errors ?? [];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Codes after which the browser has no session any more. */
const SESSION_GONE = new Set(['common.unauthenticated', 'auth.session.expired']);

interface ClientHooks {
  /** A request found no session (never called for the sign-in request itself). */
  onSessionGone?: (err: ApiError) => void;
  /** The server refuses everything until the password is changed. */
  onMustChangePassword?: () => void;
}

const state: { csrf: string | null; lang: Lang; hooks: ClientHooks; lastRequestAt: number } = {
  csrf: null, lang: 'zh-CN', hooks: {}, lastRequestAt: Date.now(),
};

export const setCsrfToken = (token: string | null) => { state.csrf = token; };
export const setApiLanguage = (lang: Lang) => { state.lang = lang; };
export const setClientHooks = (hooks: ClientHooks) => { state.hooks = hooks; };
/** When the last request went out: the server's idle clock restarts with each one. */
export const lastRequestAt = () => state.lastRequestAt;

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions { query?: Query; body?: unknown; signal?: AbortSignal }

function url(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null) qs.set(k, String(v));
  }
  const s = qs.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-crm-lang': state.lang };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  state.lastRequestAt = Date.now();
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method, headers, credentials: 'same-origin', signal: opts.signal,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'common.network', title: i18n.t('common.network') });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (res.ok) return data as T;

  const p = (data && typeof data === 'object' ? data : {}) as Partial<Problem>;
  const err = new ApiError({ ...p, status: res.status, title: p.title ?? `HTTP ${res.status}` });
  if (res.status === 401 && SESSION_GONE.has(err.code) && path !== '/auth/login') state.hooks.onSessionGone?.(err);
  if (res.status === 403 && err.code === 'auth.password.must_change') state.hooks.onMustChangePassword?.();
  throw err;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
