import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

/**
 * The baseline of `npm run bench:api`: a bare Fastify route that answers with the same JSON
 * body as the plan read, serialized on every request as the real route does.
 */
const [port, file] = process.argv.slice(2);
const body: unknown = JSON.parse(readFileSync(file as string, 'utf8'));
const app = Fastify({ logger: false });
app.get('/bare', async () => body);
await app.listen({ port: Number(port), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : port}\n`);
