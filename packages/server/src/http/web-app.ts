import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Hashed build output: its name changes with its content, so a browser may keep it for good. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and other unhashed files: kept, but checked with the server (ETag) on every use. */
export const REVALIDATE = 'no-cache';

/** What GET / says when the server runs from a checkout whose web app was never built. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>督办 Duban</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6">
<h1>督办 Duban</h1>
<p>网页应用尚未构建。请在项目目录中运行 <code>npm run build</code>（或 <code>npm start</code>），然后重新启动服务。</p>
<p>The web app has not been built. Run <code>npm run build</code> (or <code>npm start</code>) in the project folder, then restart the server.</p>
<p>API: <a href="/api/docs">/api/docs</a></p>
</body></html>
`;

function notFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({ error: { code: 'not-found', message: `No route ${request.method} ${request.url}` } });
}

/**
 * The built web app at /: Vite's hashed assets cached for a year, index.html revalidated, each
 * file sent as the .br or .gz sibling the build wrote beside it when the browser accepts one
 * (compressed once at build time, not on every request). Paths the browser's router owns get
 * index.html. Without a build, pages say how to make one instead of answering with JSON.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const hasWeb = existsSync(`${webRoot}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', /[/\\]assets[/\\]/u.test(path) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const page = request.method === 'GET' && !request.url.startsWith('/api/');
    if (!page) return notFound(request, reply);
    // A missing hashed asset is an old build's file: never answer it with a page.
    if (request.url.startsWith('/assets/')) return notFound(request, reply);
    if (!hasWeb)
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', REVALIDATE)
        .send(NOT_BUILT_PAGE);
    // The web app routes in the browser: any other page path gets its index.html.
    return reply.header('cache-control', REVALIDATE).sendFile('index.html');
  });
}
