import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/connect.ts';
import { AppError } from '../../http/errors.ts';
import {
  claimKey,
  completeKey,
  deleteKeysBefore,
  findKey,
  type KeyScope,
  releaseKey,
} from './idempotency.repository.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A create that a client may repeat safely: a repeated `Idempotency-Key` header from the
     * same user on the same route within a day gets the first answer instead of a second record.
     */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /** The request key this request holds while it is handled; null for none. */
    idempotencyKey: KeyScope | null;
  }
}

/** How long a key and its answer are kept. */
export const KEY_LIFETIME_MS = 24 * 3_600_000;
/** A key still unanswered after this long belongs to a request that died: a repeat may take it. */
const ABANDONED_MS = 60_000;
/** How long a repeat waits for the first request's answer. */
const WAIT_MS = 10_000;
const POLL_MS = 25;

export const KEY_HEADER = 'idempotency-key';
const KEY_FORMAT = /^[A-Za-z0-9_-]{8,128}$/u;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function hashOf(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

/**
 * Make the routes that declare `config.idempotent` idempotent under a client's request key: the
 * first request with a key is handled and its answer (a 2xx) kept for a day; a repeat — also one
 * sent while the first is still being handled, as a double click does — gets that answer with an
 * `Idempotent-Replayed: true` header. A failed first request lets the key go, so a retry may try
 * again. The same key with a different body is refused (409). Without the header a route works
 * as before.
 */
export function installIdempotency(app: FastifyInstance, store: Store): void {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.config?.idempotent !== true) return;
    const header = request.headers[KEY_HEADER];
    if (header === undefined || request.user === null) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined || !KEY_FORMAT.test(key)) {
      throw new AppError(
        'bad-input',
        {
          en: 'The Idempotency-Key header must be 8 to 128 letters, digits, - or _',
          zh: '请求头 Idempotency-Key 须为 8 至 128 个字母、数字、- 或 _',
        },
        'Idempotency-Key',
      );
    }
    const db = store.db;
    const scope: KeyScope = { userId: request.user.id, route: `${request.method} ${request.url.split('?')[0]}`, key };
    const hash = hashOf(request.body);
    const started = Date.now();
    await deleteKeysBefore(db, new Date(started - KEY_LIFETIME_MS).toISOString());
    for (;;) {
      if (await claimKey(db, scope, hash, new Date().toISOString())) {
        request.idempotencyKey = scope;
        return;
      }
      const stored = await findKey(db, scope);
      if (stored === undefined) continue; // let go meanwhile: claim it again
      if (stored.requestHash !== hash) {
        throw new AppError('conflict', {
          en: 'This request key was already used for a different request; open the form again',
          zh: '该请求标识已用于另一份内容不同的请求,请重新打开表单后再提交',
        });
      }
      if (stored.status !== null && stored.response !== null) {
        return reply
          .status(stored.status)
          .header('idempotent-replayed', 'true')
          .type('application/json; charset=utf-8')
          .send(stored.response);
      }
      if (Date.now() - Date.parse(stored.createdAt) > ABANDONED_MS) {
        await releaseKey(db, scope);
        continue;
      }
      if (Date.now() - started > WAIT_MS) {
        throw new AppError('conflict', {
          en: 'The same request is still being handled; try again in a moment',
          zh: '相同的请求仍在处理中,请稍后再试',
        });
      }
      await sleep(POLL_MS);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // Routes of plugins registered before this hook (the API docs) have no decorator: undefined.
    const scope = request.idempotencyKey;
    if (!scope) return payload;
    request.idempotencyKey = null;
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
      await completeKey(store.db, scope, reply.statusCode, body);
    } else {
      await releaseKey(store.db, scope);
    }
    return payload;
  });
}
