import type { Plan } from '../schema/plan.ts';
import { type Block, paragraph } from './blocks.ts';

/** Parse a plan document given as blocks (paragraphs and tables). Never throws. */
export function parseBlocks(blocks: readonly Block[]): Plan {
  void blocks;
  return { notice: null, title: '', issuers: [], date: null, sections: [], warnings: [] };
}

/** Parse a plan document given as plain text: each line is a paragraph. Never throws. */
export function parseText(text: string): Plan {
  return parseBlocks(text.split(/\r\n|\r|\n/u).map(paragraph));
}
