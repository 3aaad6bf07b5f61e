// The thread that reads documents for the server (see isolated.ts). The sources are TypeScript
// run as they are, so tsx's loader is registered here as the `duban` launcher does.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
