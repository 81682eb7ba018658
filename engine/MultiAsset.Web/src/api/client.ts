// Every call to the control API goes through here: it adds the session's X-Api-Key and turns
// RFC 7807 problem+json answers into ApiError (status, title, detail, field).

export const API_BASE = '/api/multi-asset';
const KEY_STORAGE = 'mae.apiKey';

export function getApiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
  instance?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
  get field(): string | undefined {
    return this.problem.field;
  }
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  key?: string;
}

export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const key = opts.key ?? getApiKey();
  if (key) headers['X-Api-Key'] = key;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(API_BASE + path, { method: opts.method ?? 'GET', headers, body, signal: opts.signal });
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!res.ok) {
    const problem: Problem =
      data && typeof data === 'object' ? (data as Problem) : { title: res.statusText, detail: typeof data === 'string' ? data : undefined };
    throw new ApiError(res.status, { status: res.status, ...problem });
  }
  return data as T;
}

export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (p.length === 0) return '';
  return '?' + p.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const f = e.problem.field ? ` (${e.problem.field})` : '';
    return `${e.status} ${e.problem.title ?? ''}: ${e.problem.detail ?? ''}${f}`.replace(/: $/, '');
  }
  if (e instanceof Error) return e.message;
  return String(e);
}
