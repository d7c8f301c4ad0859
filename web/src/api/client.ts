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
  /** Members of the problem beyond RFC 9457's (e.g. an import's rowCount and reportUrl). */
  extra: Record<string, unknown> = {};

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
  return answer<T>(res, path);
}

/** Reads a JSON answer; a problem becomes an ApiError (its extra members kept in `extra`). */
async function answer<T>(res: Response, path: string): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (res.ok) return data as T;

  const p = (data && typeof data === 'object' ? data : {}) as Partial<Problem>;
  const err = new ApiError({ ...p, status: res.status, title: p.title ?? `HTTP ${res.status}` });
  err.extra = p as Record<string, unknown>;
  if (res.status === 401 && SESSION_GONE.has(err.code) && path !== '/auth/login') state.hooks.onSessionGone?.(err);
  if (res.status === 403 && err.code === 'auth.password.must_change') state.hooks.onMustChangePassword?.();
  throw err;
}

async function send(method: string, path: string, query: Query | undefined, body: BodyInit | undefined, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept, 'x-crm-lang': state.lang };
  if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  state.lastRequestAt = Date.now();
  try {
    return await fetch(url(path, query), { method, headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError({ status: 0, code: 'common.network', title: i18n.t('common.network') });
  }
}

/** Uploads one file as multipart field "file" (Excel imports). */
export async function upload<T>(path: string, file: File, query?: Query): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return answer<T>(await send('POST', path, query, form, 'application/json'), path);
}

/** The file name of a content-disposition header, preferring the UTF-8 form. */
function fileNameOf(header: string | null, fallback: string): string {
  const star = header?.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) { try { return decodeURIComponent(star[1]!); } catch { /* fall through */ } }
  return header?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

/** Downloads a file the server generates (exports, templates, reports) and hands it to the browser to save. */
export async function download(path: string, query?: Query, fallbackName = 'download.xlsx'): Promise<string> {
  const res = await send('GET', path, query, undefined, '*/*');
  if (!res.ok) return answer<never>(res, path);
  const name = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return name;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  /** A body where the server wants one (the reason of a logical delete). */
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body === undefined ? {} : { body }),
};
