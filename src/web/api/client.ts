/**
 * The one way the web UI talks to Chartfax: a typed wrapper over fetch whose paths, parameters and
 * response bodies come from the generated OpenAPI types (api-types.gen.ts). A changed route schema
 * therefore breaks the web typecheck, not a screen at run time.
 */
import type { paths } from './api-types.gen';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** Paths that define method M (the generated types mark missing methods as `?: never`). */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];

type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;

/** The body of the operation's success response (200, else 201, else nothing for 204). */
export type ResponseBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? 200 extends keyof R
      ? JsonContent<R[200]>
      : 201 extends keyof R
        ? JsonContent<R[201]>
        : undefined
    : never;

type PathParams<O> = O extends { parameters: { path: infer X } } ? ([X] extends [never] ? never : X) : never;
type QueryParams<O> = O extends { parameters: { query?: infer X } } ? ([X] extends [never | undefined] ? never : X) : never;
type RequestBody<O> = O extends { requestBody?: infer RB }
  ? [NonNullable<RB>] extends [never]
    ? never
    : NonNullable<RB> extends { content: { 'application/json': infer B } }
      ? B
      : never
  : never;

/** Only the options an operation accepts: `path` when the URL has `{id}`, `query`, `body`. */
export type RequestOptions<P extends keyof paths, M extends Method> = { signal?: AbortSignal } & ([PathParams<Operation<P, M>>] extends [
  never,
]
  ? { path?: never }
  : { path: PathParams<Operation<P, M>> }) &
  ([QueryParams<Operation<P, M>>] extends [never] ? { query?: never } : { query?: QueryParams<Operation<P, M>> }) &
  ([RequestBody<Operation<P, M>>] extends [never] ? { body?: never } : { body: RequestBody<Operation<P, M>> });

/** What the API says went wrong: `message` is written for staff and is shown as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export interface ApiClientOptions {
  /** The session's CSRF token, sent with every request that changes something. */
  csrfToken: () => string | null;
  /** Called when a request other than signing in is refused with 401 (the session ended). */
  onUnauthorized: () => void;
}

function buildUrl(
  template: string,
  path: Record<string, string> | undefined,
  query: Record<string, string | undefined> | undefined,
): string {
  const url = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = path?.[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${template}.`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text === '' ? url : `${url}?${text}`;
}

async function readError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; fields?: Record<string, string> } };
    if (body.error?.message)
      return new ApiError(response.status, body.error.code ?? 'unknown', body.error.message, body.error.fields ?? {});
  } catch {
    // Not JSON (a proxy's error page, a dropped connection): fall through to a generic sentence.
  }
  return new ApiError(
    response.status,
    'unknown',
    `Chartfax answered with an unexpected error (HTTP ${response.status}). Try again in a moment.`,
  );
}

export interface ApiClient {
  get<P extends PathsWith<'get'>>(path: P, options?: RequestOptions<P, 'get'>): Promise<ResponseBody<P, 'get'>>;
  post<P extends PathsWith<'post'>>(path: P, options: RequestOptions<P, 'post'>): Promise<ResponseBody<P, 'post'>>;
  put<P extends PathsWith<'put'>>(path: P, options: RequestOptions<P, 'put'>): Promise<ResponseBody<P, 'put'>>;
  patch<P extends PathsWith<'patch'>>(path: P, options: RequestOptions<P, 'patch'>): Promise<ResponseBody<P, 'patch'>>;
  delete<P extends PathsWith<'delete'>>(path: P, options?: RequestOptions<P, 'delete'>): Promise<ResponseBody<P, 'delete'>>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  async function request(
    method: Method,
    template: string,
    init: { path?: unknown; query?: unknown; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<never> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'get') {
      const token = options.csrfToken();
      if (token) headers['x-csrf-token'] = token;
    }
    let response: Response;
    try {
      response = await fetch(buildUrl(template, init.path as Record<string, string>, init.query as Record<string, string>), {
        method: method.toUpperCase(),
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
        credentials: 'same-origin',
        signal: init.signal ?? null,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError(0, 'network', 'Chartfax could not be reached. Check your connection and try again.');
    }
    if (!response.ok) {
      const error = await readError(response);
      // A wrong password is a 401 too, but it is an answer to the sign-in form, not an ended session.
      if (response.status === 401 && !(template === '/api/session' && method === 'post')) options.onUnauthorized();
      throw error;
    }
    if (response.status === 204) return undefined as never;
    return (await response.json()) as never;
  }
  return {
    get: (path, init) => request('get', path, init),
    post: (path, init) => request('post', path, init),
    put: (path, init) => request('put', path, init),
    patch: (path, init) => request('patch', path, init),
    delete: (path, init) => request('delete', path, init),
  };
}
