import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every answer: script only from this server's own files (no
 * inline script, no eval), so a text that reaches a page as markup cannot run. Styles may be
 * inline because antd writes its CSS-in-JS into <style> elements and ECharts' tooltip markers
 * carry style attributes; Vite's index.html and Swagger UI's page at /api/docs load their
 * scripts from files, so one policy serves both.
 *
 * No upgrade-insecure-requests and no HSTS: Duban is often served over plain HTTP on an
 * intranet address, where upgrading would break every request; TLS is the proxy's business.
 */
export const CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Add security headers to every answer (pages, files, API and errors): the policy above,
 * X-Content-Type-Options nosniff, X-Frame-Options DENY, Referrer-Policy no-referrer, and
 * helmet's cross-origin headers. Called on the root instance (not registered as a child
 * plugin) so that it covers every route and the not-found and error answers.
 */
export async function addSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
}
