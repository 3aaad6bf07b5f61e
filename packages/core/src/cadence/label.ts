/**
 * A period key as people say it: 2026-M11 → 2026年11月, 2026-Q2 → 2026年第2季度,
 * 2026-H1 → 2026年上半年, 2026-W23 → 2026年第23周, 2026-B3 → 2026年第3个双月, 2026 → 2026年度.
 * Keys it does not know come back as they are.
 */
export function periodLabel(key: string): string {
  const m = /^(\d{4})(?:-([WMBQH])(\d{1,2}))?$/u.exec(key);
  if (!m) return key;
  const [, year, letter, n] = m;
  const i = Number(n);
  switch (letter) {
    case undefined:
      return `${year}年度`;
    case 'W':
      return `${year}年第${i}周`;
    case 'M':
      return `${year}年${i}月`;
    case 'B':
      return `${year}年第${i}个双月`;
    case 'Q':
      return `${year}年第${i}季度`;
    default:
      return `${year}年${i === 1 ? '上半年' : '下半年'}`;
  }
}
