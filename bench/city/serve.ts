import { buildApp } from '../../packages/server/src/app.ts';
import { type CityLocation, openCity } from './stores.ts';

/**
 * The server of `npm run bench:city`, in a process of its own so that the load generator does
 * not share its event loop: the real app over a generated city, on 127.0.0.1 and a free port.
 * Argument: the city's location as JSON (stores.ts). Prints `ready <port>`.
 */
const location = JSON.parse(process.argv[2] as string) as CityLocation;
const store = await openCity(location);
const app = await buildApp({ store, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : 0}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
