import { describe, expect, it } from 'vitest';
import { isoDate, type Line, readFrontMatter, splitIssuers } from './frontmatter.ts';
import { shadow } from './normalize.ts';

const lines = (text: string): Line[] => {
  let offset = 0;
  return text.split('\n').map((orig) => {
    const l = { orig, sh: shadow(orig), offset };
    offset += orig.length + 1;
    return l;
  });
};

describe('isoDate', () => {
  it('reads arabic and Chinese dates', () => {
    expect(isoDate('2007年6月19日')).toBe('2007-06-19');
    expect(isoDate('二〇〇七年六月十九日')).toBe('2007-06-19');
    expect(isoDate('二○二一年十二月三十一日')).toBe('2021-12-31');
  });
  it('refuses impossible dates', () => {
    expect(isoDate('2007年13月1日')).toBeNull();
  });
});

describe('splitIssuers', () => {
  const split = (s: string) => splitIssuers(s, shadow(s));
  it('splits joint issuers printed without a separator', () => {
    expect(split('中共深圳市罗湖区委办公室深圳市罗湖区人民政府办公室')).toEqual([
      '中共深圳市罗湖区委办公室',
      '深圳市罗湖区人民政府办公室',
    ]);
  });
  it('splits on spaces and keeps a street office under its government whole', () => {
    expect(split('中共临溪区江湾街道工作委员会 临溪区人民政府江湾街道办事处')).toEqual([
      '中共临溪区江湾街道工作委员会',
      '临溪区人民政府江湾街道办事处',
    ]);
  });
});

describe('readFrontMatter', () => {
  it('reads notice, issuers, date and the plan title, skipping the notice body', () => {
    const doc = lines(
      [
        '索引号：000/2021-1',
        '分享到：',
        '甲市乙区人民政府办公室关于印发《乙区2021年工作要点》的通知',
        '各街道：',
        '一、高度重视。',
        '二〇二一年三月一日',
        '乙区2021年工作要点',
        '一、经济',
      ].join('\n'),
    );
    const f = readFrontMatter(doc);
    expect(f.notice).toBe('甲市乙区人民政府办公室关于印发《乙区2021年工作要点》的通知');
    expect(f.issuers).toEqual(['甲市乙区人民政府办公室']);
    expect(f.date).toBe('2021-03-01');
    expect(f.title).toBe('乙区2021年工作要点');
    expect(f.bodyStart).toBe(7);
  });

  it('takes the first title-like line when there is no notice', () => {
    const f = readFrontMatter(lines('某县2020年重点工作安排\n(2020年2月1日)\n一、经济'));
    expect(f.notice).toBeNull();
    expect(f.title).toBe('某县2020年重点工作安排');
    expect(f.date).toBe('2020-02-01');
  });
});
