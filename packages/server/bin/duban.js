#!/usr/bin/env node
// The `duban` command. The sources are TypeScript run as they are (nothing is compiled),
// so the launcher registers tsx's loader before importing them.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main();
