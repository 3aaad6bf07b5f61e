export * from './directory/resolve.ts';
export type { Block } from './parser/blocks.ts';
export { paragraph, table } from './parser/blocks.ts';
export { extractIndicators } from './parser/indicators.ts';
export { compareKey, shadow } from './parser/normalize.ts';
export { parseBlocks, parseText, sourceText, textBlocks } from './parser/parse.ts';
export * from './schema/plan.ts';
export * from './targets/label.ts';
