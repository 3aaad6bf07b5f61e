import { periodLabel } from '@duban/core';
import { describe, expect, it } from 'vitest';
import { orderOverdueMessage, reportDueMessage, webhookBody } from './messages.ts';

describe('reminder messages', () => {
  it('reads period keys in Chinese', () => {
    expect(periodLabel('2026-M11')).toBe('2026年11月');
    expect(periodLabel('2026-Q2')).toBe('2026年第2季度');
    expect(periodLabel('2026-H1')).toBe('2026年上半年');
    expect(periodLabel('2026-H2')).toBe('2026年下半年');
    expect(periodLabel('2026-W07')).toBe('2026年第7周');
    expect(periodLabel('2026')).toBe('2026年度');
    expect(periodLabel('odd')).toBe('odd');
  });

  it('words a report due soon', () => {
    expect(
      reportDueMessage({
        officeName: '区卫生局',
        planTitle: '2026年区政府工作要点',
        taskNumber: '13',
        taskTitle: '解决群众看病难看病贵问题',
        periodKey: '2026-M11',
        due: '2026-12-07',
      }),
    ).toBe(
      '【督办提醒】区卫生局:《2026年区政府工作要点》第13项“解决群众看病难看病贵问题”2026年11月进展将于2026-12-07到期,请按时报送。',
    );
    expect(orderOverdueMessage({ officeName: '区财政局', subject: '某事', deadline: '2026-12-01' })).toContain(
      '区财政局:督办单“某事”',
    );
  });

  it('builds each robot’s body', () => {
    expect(webhookBody('wecom', '你好')).toEqual({ msgtype: 'text', text: { content: '你好' } });
    expect(webhookBody('dingtalk', '你好')).toEqual({ msgtype: 'text', text: { content: '你好' } });
    expect(webhookBody('feishu', '你好')).toEqual({ msg_type: 'text', content: { text: '你好' } });
  });
});
