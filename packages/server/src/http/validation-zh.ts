import { z } from 'zod';

/** What fastify-type-provider-zod keeps of a zod issue: its code as `keyword`, the rest in `params`. */
interface ValidationItem {
  readonly keyword: string;
  readonly message?: string | undefined;
  readonly params: Record<string, unknown>;
}

type Issue = Parameters<ReturnType<typeof z.locales.en>['localeError']>[0];

const english = z.locales.en().localeError;
const chinese = z.locales.zhCN().localeError;

function text(result: ReturnType<typeof english>): string | undefined {
  return typeof result === 'string' ? result : result?.message;
}

/**
 * The messages route schemas write themselves (`.min(1, 'may not be empty')`), in Chinese. A schema
 * message missing here reaches a Chinese client in English.
 */
export const OWN_WORDS_ZH: Readonly<Record<string, string>> = {
  'may not be empty': '不能为空',
  'no such date': '日期不存在',
  'use a date like 2026-03-31': '日期应写作 2026-03-31 的形式',
  'A date like 2007-07-20': '日期应写作 2007-07-20 的形式',
  'a username has 2 to 50 letters, digits, Chinese characters, or _ . -':
    '用户名由 2 到 50 个字母、数字、汉字或 _ . - 组成',
  'say why': '请说明原因',
  'A month like 2007-03': '月份应写作 2007-03 的形式',
};

/**
 * A schema validation message in Chinese: zod's own wording in its zh-CN locale, unless the schema
 * wrote its own message (which is kept, in Chinese where OWN_WORDS_ZH has it: it says more than a
 * generic one).
 */
export function validationMessageInChinese(item: ValidationItem): string {
  const issue = { ...item.params, code: item.keyword, path: [] } as unknown as Issue;
  // Issues do not carry the input, so zod's wording of what it received is unknown here: compare
  // and show only the part before it.
  const known = (message: string | undefined) => message?.split(/, received|，实际接收/u)[0];
  const ownWords = item.message !== undefined && known(item.message) !== known(text(english(issue)));
  if (ownWords) return OWN_WORDS_ZH[item.message as string] ?? (item.message as string);
  return known(text(chinese(issue))) ?? item.message ?? '输入有误';
}
