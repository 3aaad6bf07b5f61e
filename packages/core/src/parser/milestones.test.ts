import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractMilestones } from './milestones.ts';
import { parseText } from './parse.ts';

const texts = (text: string, year: number | null = 2007) => extractMilestones(text, year).map((m) => m.text);

describe('extractMilestones', () => {
  it('proposes a document to issue, named or not', () => {
    expect(texts('出台和实施《街道社区党建工作制度汇编》,提高规范化水平。')).toEqual([
      '出台和实施《街道社区党建工作制度汇编》',
    ]);
    expect(texts('按照要求,制定出台加强基层党风廉政建设的具体办法。')).toEqual([
      '制定出台加强基层党风廉政建设的具体办法',
    ]);
  });

  it('proposes an institution set up, a body founded, a pilot and a work finished', () => {
    expect(texts('探索建立社区居民对工作站人员的评议制度。')).toEqual(['探索建立社区居民对工作站人员的评议制度']);
    expect(texts('培育发展社会慈善机构,成立罗湖慈善会,完善慈善超市运作机制。')).toEqual(['成立罗湖慈善会']);
    expect(texts('在东湖街道开展“党员议事会”试点工作,探索新途径。')).toEqual(['在东湖街道开展“党员议事会”试点工作']);
    expect(texts('全面完成老旧住宅区“三线”贴墙下地工程。')).toEqual(['全面完成老旧住宅区“三线”贴墙下地工程']);
    expect(texts('各街道和区民营工委设立流动党员咨询服务专用电话。')).toEqual([
      '各街道和区民营工委设立流动党员咨询服务专用电话',
    ]);
  });

  it('follows an institution over the commas that describe it', () => {
    expect(texts('建立以低保制度为主体,临时救助为补充的综合性体系。')).toEqual([
      '建立以低保制度为主体,临时救助为补充的综合性体系',
    ]);
  });

  it('dates a milestone from a deadline in its clause or alone before it, in the plan year', () => {
    expect(extractMilestones('6月底前出台社区工作者管理办法。', 2007)).toEqual([
      { text: '6月底前出台社区工作者管理办法', due: '2007-06-30' },
    ]);
    expect(extractMilestones('年底,对各街道任务完成情况进行全面检查考核。', 2007)).toEqual([
      { text: '对各街道任务完成情况进行全面检查考核', due: '2007-12-31' },
    ]);
    expect(extractMilestones('年内建成街道综治中心。', null)).toEqual([{ text: '年内建成街道综治中心', due: null }]);
    // An event is no date: the preview asks a person to date it.
    expect(extractMilestones('党的十七大召开之前成立流动党员党支部。', 2007)[0]?.due).toBeNull();
  });

  it('proposes nothing for ongoing work, moods or scene-setting clauses', () => {
    expect(texts('加强党员经常性教育,完善党员管理服务中心等阵地载体。')).toEqual([]);
    expect(texts('建立良好风气,推进社区建设。')).toEqual([]);
    expect(texts('在建设完成2004年项目建设的基础上,实施2007年建设计划。')).toEqual([]);
    expect(texts('制定计划生育宣传活动安排表。')).toEqual([]);
    expect(texts('企业诉求办结率达到100%,完成率逐月通报。')).toEqual([]);
    expect(texts('加强对各级驻(挂)社区干部的管理和考核。')).toEqual([]);
  });

  it('leaves clauses that set a target to the target', () => {
    const text = '年内建成社区养老服务驿站3个,成立养老服务协会。';
    expect(extractMilestones(text, 2023, [[2, 13]]).map((m) => m.text)).toEqual(['成立养老服务协会']);
  });

  it('proposes each milestone once', () => {
    expect(texts('成立罗湖慈善会。成立罗湖慈善会。')).toEqual(['成立罗湖慈善会']);
  });
});

describe('parse: items[].milestones', () => {
  const example = readFileSync(new URL('../../../../examples/luohu-2007-jichu.txt', import.meta.url), 'utf8');
  const items = parseText(example).sections.flatMap((s) => s.items);

  it('proposes milestones for at least 20 of the example plan’s 26 items', () => {
    expect(items).toHaveLength(26);
    expect(items.filter((i) => (i.milestones ?? []).length > 0).length).toBeGreaterThanOrEqual(20);
  });

  it('proposes no milestone from a clause that sets a target, and dates 年底 in the plan year', () => {
    const t13 = items.find((i) => i.number === '13');
    expect(t13?.milestones).toBeUndefined();
    const t25 = items.find((i) => i.number === '25');
    expect(t25?.milestones?.[0]?.due).toBe('2007-12-31');
  });

  it('proposes the deliverables the example names', () => {
    const all = items.flatMap((i) => (i.milestones ?? []).map((m) => m.text));
    expect(all).toEqual(
      expect.arrayContaining(['成立罗湖慈善会', '完成街道社会治安综合治理中心建设', '试点并推行居住证制度']),
    );
  });
});
