import { describe, expect, it } from 'vitest';
import { zhCN } from './messages';
import { en } from './messages.en';

/** Every leaf of a message tree as `a.b.c` → text. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of leaves(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

/** The {{placeholders}} a message fills in. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/gu)].map((m) => m[1] ?? '').sort();
}

describe('UI messages', () => {
  const zh = leaves(zhCN);
  const english = leaves(en);

  it('have the same keys in Chinese and English', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('are all non-empty strings', () => {
    for (const [key, text] of [...zh, ...english]) {
      expect(typeof text, key).toBe('string');
      expect(String(text).trim(), key).not.toBe('');
    }
  });

  it('fill in the same placeholders in both languages', () => {
    for (const [key, text] of zh) {
      expect(placeholders(String(english.get(key) ?? '')), key).toEqual(placeholders(String(text)));
    }
  });
});
