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
 * A schema validation message in Chinese: zod's own wording in its zh-CN locale, unless the schema
 * wrote its own message (which is kept: it says more than a generic one).
 */
export function validationMessageInChinese(item: ValidationItem): string {
  const issue = { ...item.params, code: item.keyword, path: [] } as unknown as Issue;
  // Issues do not carry the input, so zod's wording of what it received is unknown here: compare
  // and show only the part before it.
  const known = (message: string | undefined) => message?.split(/, received|，实际接收/u)[0];
  const ownWords = item.message !== undefined && known(item.message) !== known(text(english(issue)));
  if (ownWords) return item.message as string;
  return known(text(chinese(issue))) ?? item.message ?? '输入有误';
}
