import createClient from 'openapi-fetch';
import i18n from '../i18n';
import type { paths } from './schema';

/** The typed API client: paths, parameters and bodies come from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** The server answers errors in the language asked for: the UI's, not the browser's. */
export function languageHeaders(): Record<string, string> {
  return { 'Accept-Language': i18n.language === 'en' ? 'en' : 'zh-CN' };
}

api.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries(languageHeaders())) request.headers.set(name, value);
    return request;
  },
});

/** An error answer of the API: `{ error: { code, message, field? } }`, with its status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an API answer, or an ApiError carrying the server's own message. */
export async function unwrap<T>(answer: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await answer;
  if (response.ok) return data as T;
  const body = (error ?? {}) as { error?: { code?: string; message?: string; field?: string } };
  throw new ApiError(
    response.status,
    body.error?.code ?? 'http',
    body.error?.message ?? `${response.status} ${response.statusText}`,
    body.error?.field,
  );
}

/** The JSON body type of a path's method and status. */
export type Body<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: infer R;
}
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer J } }
      ? J
      : never
    : never
  : never;

export type Me = Body<'/api/auth/me', 'get'>;
export type PlanView = Body<'/api/plans/{id}', 'get'>;
export type SectionView = PlanView['sections'][number];
export type TaskView = SectionView['tasks'][number];
export type AssignmentView = TaskView['assignments'][number];
export type TargetView = TaskView['targets'][number];
export type PlanSummary =
  Body<'/api/plans', 'get'> extends { items: (infer I)[] }
    ? I
    : Body<'/api/plans', 'get'> extends (infer I)[]
      ? I
      : never;
