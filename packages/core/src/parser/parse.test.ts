import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../schema/plan.ts';
import { paragraph, table } from './blocks.ts';
import { parseBlocks, parseText, sourceText } from './parse.ts';

const items = (text: string) => parseText(text).sections.flatMap((s) => s.items);

const WEB_PAGE = `索引号：11440303007XXXX/2021-00123
发布机构：滨海区人民政府办公室
字体：[ 大 中 小 ]
分享到：
滨海区人民政府办公室关于印发滨海区2021年为民办实事工作方案的通知
各街道办事处，区直各单位：
　　现将方案印发给你们。现就有关事项通知如下：
　　一、高度重视。各单位要提高认识。
　　二、按时报送。每月5日前报送进展。
滨海区人民政府办公室
二〇二一年三月一日
滨海区2021年为民办实事工作方案
第一部分　民生保障
一、提升教育质量
（一）新建幼儿园５所。（牵头单位：区教育局；配合单位：区发改局、财政局）
（二）推进课后服务。〔责任单位：同上〕
（三）加强教师队伍建设。
责任领导：王某某（副区长）
牵头单位：区教育局
责任单位：区人力资源局、编办
二、改善医疗服务
（四）建成社康中心。〔责任单位：区卫生健康局，下同〕
（五）提高家庭医生签约率。
（六）推进医联体建设。区卫生健康局牵头，区医保局配合。
以上工作由区卫生健康局牵头，各街道办事处配合。
第二部分　平安建设
三、维护社会稳定
（七）化解矛盾纠纷。
由区司法局负责。
分享到：微信 微博`;

describe('parseText on a document copied from a web page', () => {
  const plan = parseText(WEB_PAGE);
  const all = plan.sections.flatMap((s) => s.items);

  it('skips page furniture and the notice body, and reads the front matter', () => {
    expect(plan.notice).toBe('滨海区人民政府办公室关于印发滨海区2021年为民办实事工作方案的通知');
    expect(plan.title).toBe('滨海区2021年为民办实事工作方案');
    expect(plan.issuers).toEqual(['滨海区人民政府办公室']);
    expect(plan.date).toBe('2021-03-01');
  });

  it('takes the numbered level that carries assignments as items, the level above as sections', () => {
    expect(plan.sections.map((s) => `${s.number}${s.title}`)).toEqual([
      '一提升教育质量',
      '二改善医疗服务',
      '三维护社会稳定',
    ]);
    expect(all.map((i) => i.number)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(all[0]?.title).toBe('新建幼儿园５所');
  });

  it('reads inline brackets, 同上, 下同, section-wide lines and 由X负责', () => {
    expect(all[0]).toMatchObject({ lead: ['区教育局'], support: ['区发改局', '区财政局'] });
    expect(all[1]?.lead).toEqual(['区教育局']);
    expect(all[3]).toMatchObject({ lead: ['区卫生健康局'], support: ['各街道办事处'] });
    expect(all[4]).toMatchObject({ lead: ['区卫生健康局'], support: ['各街道办事处'] });
    expect(all[5]).toMatchObject({ lead: ['区卫生健康局'], support: ['区医保局'] });
    expect(all[6]).toMatchObject({ lead: ['区司法局'], support: [] });
  });

  it('leads with 牵头单位 where 责任单位 stands beside it, and keeps 责任领导 persons out of the offices', () => {
    expect(all[2]).toMatchObject({
      lead: ['区教育局'],
      support: ['区人力资源局', '区编办'],
      leaders: ['王某某（副区长）'],
    });
  });

  it('excludes the responsibility text from the item text', () => {
    expect(all[0]?.text).toBe('新建幼儿园５所。');
  });

  it('passes its own schema', () => {
    expect(() => planSchema.parse(plan)).not.toThrow();
  });
});

describe('parseText on other layouts', () => {
  it('reads traditional characters and keeps them in the output', () => {
    const plan = parseText(
      '某某鎮2010年工作要點\n一、強化基層組織建設\n１．健全基層黨組織。年內新建黨支部３個。\n鎮民政科、財政科為責任單位，各村委會及社區協辦。',
    );
    expect(plan.title).toBe('某某鎮2010年工作要點');
    expect(plan.sections[0]?.items[0]).toMatchObject({
      number: '1',
      title: '健全基層黨組織',
      lead: ['鎮民政科', '鎮財政科'],
      support: ['各村委會', '各社區'],
    });
  });

  it('keeps (1) sub-points inside their item', () => {
    const list = items(
      '安全生产工作安排\n1.开展隐患排查。\n(1)加强宣传。\n(2)加强培训。\n责任单位:区应急管理局\n2.做好应急。\n责任单位:区应急管理局',
    );
    expect(list.map((i) => i.number)).toEqual(['1', '2']);
    expect(list[0]?.text).toBe('开展隐患排查。\n(1)加强宣传。\n(2)加强培训。');
  });

  it('warns about text after a completed item and about items with no lead office', () => {
    const plan = parseText(
      '某区工作要点\n一、经济\n1.抓投资。全年投资增长。\n区发改局为责任单位。\n2.抓消费。扩大内需。\n各单位要认真落实。',
    );
    expect(plan.warnings.map((w) => w.code)).toContain('no-lead');
    const plan2 = parseText(
      '某区工作要点\n一、经济\n1.抓投资。全年投资增长。\n区发改局为责任单位。\n各单位要认真落实。',
    );
    expect(plan2.warnings).toMatchObject([{ code: 'orphan-text', excerpt: '各单位要认真落实。' }]);
  });

  it('reads a task table written as tab-separated text, with group rows as sections', () => {
    const plan = parseText(
      [
        '青山县2022年重点工作任务分解表',
        '序号\t工作任务\t牵头单位\t配合单位\t完成时限',
        '一、经济发展\t\t\t\t',
        '1\t新增规上企业20家以上。加大招商力度。\t县发改局\t县财政局、商务局\t2022年12月底前',
        '2\t固定资产投资增长8%以上\t县发改局\t同上\t年底前',
        '二、社会民生\t\t\t\t',
        '3\t新建保障性住房500套\t县住建局\t各乡镇\t11月底前',
      ].join('\n'),
    );
    expect(plan.sections.map((s) => s.title)).toEqual(['经济发展', '社会民生']);
    expect(plan.sections[0]?.items[0]).toMatchObject({
      number: '1',
      title: '新增规上企业20家以上',
      lead: ['县发改局'],
      support: ['县财政局', '县商务局'],
      deadline: '2022年12月底前',
    });
    expect(plan.sections[0]?.items[1]?.support).toEqual(['县财政局', '县商务局']);
    expect(plan.sections[1]?.items[0]).toMatchObject({ number: '3', lead: ['县住建局'], support: ['各乡镇'] });
  });

  it('reads a table block from a .docx the same way', () => {
    const plan = parseBlocks([
      paragraph('某区2023年任务清单'),
      table([
        ['序号', '重点任务', '责任单位', '完成时限'],
        ['1', '完成老旧小区改造42个', '区住建局', '年底前'],
      ]),
    ]);
    expect(plan.sections[0]?.items[0]).toMatchObject({ title: '完成老旧小区改造42个', lead: ['区住建局'] });
  });

  it('gives each item its span in the source text', () => {
    const text = '某区工作要点\n一、经济\n1.抓投资。全年投资增长。\n区发改局为责任单位。';
    const item = items(text)[0];
    expect(item?.span).toBeDefined();
    const [s] = item?.span ?? [0, 0];
    expect(sourceText([paragraph(text)]).slice(s, s + 4)).toBe('1.抓投');
  });

  it('returns an empty plan with a warning for text that is no plan', () => {
    const plan = parseText('hello world');
    expect(plan.sections).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toContain('no-items');
  });
});

describe('parse, property', () => {
  it('never throws and always returns what its own schema accepts', () => {
    const chunk = fc.constantFrom(
      '一、',
      '1.',
      '（一）',
      '(1)',
      '第一部分',
      '责任单位：',
      '牵头单位:',
      '为责任单位，',
      '协办。',
      '同上',
      '下同',
      '区发改局、',
      '各街道及',
      '90%以上',
      '每季度不少于1次',
      '比上年度减少15%以上',
      '关于印发',
      '的通知',
      '\n',
      '\t',
      '|',
      '（',
      '）',
      '〔',
      '。',
    );
    const doc = fc.oneof(
      fc.string(),
      fc.array(fc.oneof(chunk, fc.string({ maxLength: 5 })), { maxLength: 60 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(doc, (text) => {
        const plan = parseText(text);
        planSchema.parse(plan);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseText, nesting', () => {
  it('keeps numbered sub-points 1. 2. inside (一) items that carry the assignments', () => {
    const plan = parseText(
      [
        '某区2024年工作要点',
        '一、经济发展',
        '（一）扩大投资。',
        '1.抓项目。',
        '2.抓招商。',
        '牵头单位：区发改局',
        '（二）促进消费。',
        '1.办活动。',
        '牵头单位：区商务局',
        '二、社会事业',
        '（三）办好教育。',
        '1.建学校。',
        '牵头单位：区教育局',
      ].join('\n'),
    );
    expect(plan.sections.map((s) => s.number)).toEqual(['一', '二']);
    const list = plan.sections.flatMap((s) => s.items);
    expect(list.map((i) => [i.number, i.lead[0]])).toEqual([
      ['1', '区发改局'],
      ['2', '区商务局'],
      ['3', '区教育局'],
    ]);
    expect(list[0]?.text).toBe('扩大投资。\n1.抓项目。\n2.抓招商。');
  });
});
