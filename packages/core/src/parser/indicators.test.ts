import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indicatorSchema } from '../schema/plan.ts';
import { extractIndicators } from './indicators.ts';

/** [kind, op, value, unit] of each indicator, in order. */
const brief = (text: string) => extractIndicators(text).map((i) => [i.kind, i.op, i.value, i.unit]);
const one = (text: string) => {
  const found = extractIndicators(text);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('extractIndicators: levels and comparators', () => {
  it.each([
    ['新建社区食堂8个以上。', '>=', 8, '个'],
    ['年度检查覆盖率不少于95%。', '>=', 95, '%'],
    ['群众满意度不低于90%。', '>=', 90, '%'],
    ['全年至少举办培训班4期。', '>=', 4, '期'],
    ['绿化覆盖率达到41%。', '>=', 41, '%'],
    ['结案率达98%。', '>=', 98, '%'],
    ['耕地面积稳定在3万亩以上。', '>=', 3, '万亩'],
    ['义务教育入学率保持100%。', '>=', 100, '%'],
    ['园区入驻率提升至80%。', '>=', 80, '%'],
    ['单次审批时间不超过3个工作日。', '<=', 3, '个工作日'],
    ['噪声投诉率控制在2%以内。', '<=', 2, '%'],
    ['办件时限压缩至5天以内。', '<=', 5, '天'],
    ['欠费户数在10户以下。', '<=', 10, '户'],
    ['税收收入突破20亿元。', '>', 20, '亿元'],
    ['参保人数超过8000人。', '>', 8000, '人'],
    ['返贫率低于1%。', '<', 1, '%'],
    ['新增就业岗位600个左右。', '=', 600, '个'],
  ])('%s', (text, op, value, unit) => {
    expect(one(text)).toMatchObject({ kind: 'level', op, value, unit, period: null, baseline: null });
  });

  it('reads a bare figure with its measure word as >=', () => {
    expect(brief('新建口袋公园6个,改造背街小巷12条。')).toEqual([
      ['level', '>=', 6, '个'],
      ['level', '>=', 12, '条'],
    ]);
  });

  it('keeps multipliers in the unit as printed', () => {
    expect(brief('完成植树2.5万株,带动消费3亿元,服务群众4万人次。')).toEqual([
      ['level', '>=', 2.5, '万株'],
      ['level', '>=', 3, '亿元'],
      ['level', '>=', 4, '万人次'],
    ]);
  });

  it('reads compound units', () => {
    expect(one('PM10年均浓度控制在50微克/立方米以内。')).toMatchObject({ op: '<=', value: 50, unit: '微克/立方米' });
    expect(one('建成公共绿地1200平方米。')).toMatchObject({ op: '>=', value: 1200, unit: '平方米' });
  });

  it('reads ranges as between', () => {
    expect(brief('打造特色街区3—4条。')).toEqual([['level', 'between', [3, 4], '条']]);
    expect(brief('建设示范点2-3个。')).toEqual([['level', 'between', [2, 3], '个']]);
    expect(brief('培育社会组织5至8家。')).toEqual([['level', 'between', [5, 8], '家']]);
    expect(brief('创建三至五个星级社区。')).toEqual([['level', 'between', [3, 5], '个']]);
  });

  it('reads Chinese numerals only where they count something', () => {
    expect(brief('全年新建便民驿站不少于十二家。')).toEqual([['level', '>=', 12, '家']]);
    expect(brief('每季度召开不少于两次联席会议。')).toEqual([['frequency', '>=', 2, '次']]);
    expect(brief('公共场所禁烟率达到百分之九十以上。')).toEqual([['level', '>=', 90, '%']]);
    expect(brief('建设一支好队伍,打造一批示范项目,形成两条经验,出台二十条措施。')).toEqual([]);
    expect(brief('力争达到一个新水平。')).toEqual([]);
  });

  it('reads a rank as a ceiling', () => {
    expect(one('综合排名进入全市前10名。')).toMatchObject({ op: '<=', value: 10, unit: '名' });
  });
});

describe('extractIndicators: zero targets', () => {
  it('reads 不新增 / 不发生 一 + measure word as = 0 in that measure word', () => {
    expect(brief('确保辖区不新增一宗违法用地。')).toEqual([['level', '=', 0, '宗']]);
    expect(brief('全年不发生一例食物中毒事件。')).toEqual([['level', '=', 0, '例']]);
    expect(brief('确保不发生一起重大火灾。')).toEqual([['level', '=', 0, '起']]);
  });

  it('reads 零发生 and 清零 as = 0 起', () => {
    expect(brief('校园欺凌事件零发生。')).toEqual([['level', '=', 0, '起']]);
    expect(brief('欠薪案件动态清零。')).toEqual([['level', '=', 0, '起']]);
  });

  it('sets no target where nothing is counted', () => {
    expect(brief('坚决守住不发生区域性风险的底线。')).toEqual([]);
    expect(brief('帮扶“零就业家庭”成员就业。')).toEqual([]);
  });
});

describe('extractIndicators: coverage', () => {
  it('reads 全覆盖 / 全面覆盖 as >= 100 %, once per clause', () => {
    expect(brief('实现村居法律顾问全覆盖。')).toEqual([['level', '>=', 100, '%']]);
    expect(brief('推动区、镇、村三级网格全面覆盖。')).toEqual([['level', '>=', 100, '%']]);
    expect(brief('实现全覆盖,做到全覆盖。')).toHaveLength(2);
  });
});

describe('extractIndicators: changes', () => {
  it('signs a decrease and keeps its baseline', () => {
    expect(one('信访总量比上年度减少10%以上。')).toMatchObject({
      kind: 'change',
      op: '<=',
      value: -10,
      unit: '%',
      baseline: 'previous-year',
    });
    expect(one('道路交通事故同比下降8%以上。')).toMatchObject({ kind: 'change', op: '<=', value: -8 });
  });

  it('keeps an increase positive', () => {
    expect(one('社会消费品零售总额比上年增长5%以上。')).toMatchObject({
      kind: 'change',
      op: '>=',
      value: 5,
      baseline: 'previous-year',
    });
    // Unsaid, the baseline of an annual plan's change is still the year before.
    expect(one('居民收入增长6%左右。')).toMatchObject({ kind: 'change', op: '=', value: 6, baseline: 'previous-year' });
  });

  it('reads 个百分点 changes', () => {
    expect(one('优良天数比例提高3个百分点。')).toMatchObject({ kind: 'change', op: '>=', value: 3, unit: '个百分点' });
    expect(one('空置率下降2个百分点。')).toMatchObject({ kind: 'change', op: '<=', value: -2, unit: '个百分点' });
  });

  it('reads a change with no figure against zero', () => {
    expect(one('盗窃案件发案数同比下降。')).toMatchObject({
      kind: 'change',
      op: '<',
      value: 0,
      unit: '%',
      baseline: 'previous-year',
    });
    expect(one('研发投入占比比上年有所提高。')).toMatchObject({ kind: 'change', op: '>', value: 0 });
    expect(one('民间投资比上年度有一定的增长。')).toMatchObject({ kind: 'change', op: '>', value: 0 });
  });

  it('reads 双下降 / 双提升 as two changes', () => {
    expect(brief('实现事故起数和死亡人数双下降。')).toEqual([
      ['change', '<', 0, '%'],
      ['change', '<', 0, '%'],
    ]);
    expect(brief('推动产值税收双提升。')).toEqual([
      ['change', '>', 0, '%'],
      ['change', '>', 0, '%'],
    ]);
  });

  it('carries a baseline to later clauses of the sentence', () => {
    expect(extractIndicators('城镇居民收入同比增长5%,农村居民收入增长7%。').map((i) => i.baseline)).toEqual([
      'previous-year',
      'previous-year',
    ]);
  });

  it('reads a raise-to verb as a level, not a change', () => {
    expect(one('合格率提高到95%。')).toMatchObject({ kind: 'level', op: '>=', value: 95 });
    expect(one('发病率下降到3%。')).toMatchObject({ kind: 'level', op: '<=', value: 3 });
  });
});

describe('extractIndicators: 分别 and 均', () => {
  it('shares a comparator and verb across coordinated figures', () => {
    expect(brief('火灾起数和亡人数同比分别下降5%和8%。')).toEqual([
      ['change', '<=', -5, '%'],
      ['change', '<=', -8, '%'],
    ]);
  });

  it('gives one target per listed figure', () => {
    expect(brief('初级、中级调解员分别要达到40人和120人。')).toEqual([
      ['level', '>=', 40, '人'],
      ['level', '>=', 120, '人'],
    ]);
  });

  it('spreads one figure over the listed subjects', () => {
    expect(brief('火灾起数、亡人数同比分别下降5%以上。')).toEqual([
      ['change', '<=', -5, '%'],
      ['change', '<=', -5, '%'],
    ]);
    expect(brief('养老保险和医疗保险的参保率均要达到95%。')).toEqual([
      ['level', '>=', 95, '%'],
      ['level', '>=', 95, '%'],
    ]);
  });

  it('does not spread without the adverb', () => {
    expect(brief('刑事案件、治安案件同比下降。')).toHaveLength(1);
    expect(brief('区域发展更加均衡,新建驿站3个。')).toHaveLength(1);
  });
});

describe('extractIndicators: frequencies and periods', () => {
  it.each([
    ['网格员每天巡查不少于2次。', 'day'],
    ['每周至少走访群众3户次。', 'week'],
    ['支部每月开展主题党日1次。', 'month'],
    ['领导干部每两个月到联系点调研不少于1次。', 'two-months'],
    ['每季度召开形势分析会不少于1次。', 'quarter'],
    ['每半年开展1次专项督查。', 'half-year'],
    ['每年组织体检不少于1次。', 'year'],
  ])('%s', (text, period) => {
    expect(one(text)).toMatchObject({ kind: 'frequency', op: '>=', value: expect.any(Number), period });
  });

  it('reads a Chinese count after 每 + period', () => {
    expect(one('每月开展一次消防演练。')).toMatchObject({ kind: 'frequency', op: '>=', value: 1, unit: '次' });
    expect(brief('市级每季度一次、区级每月一次召开调度会。')).toEqual([
      ['frequency', '>=', 1, '次'],
      ['frequency', '>=', 1, '次'],
    ]);
  });

  it('reads a recurring duty with no figure as at least once a period', () => {
    expect(one('值班人员每天召开交班会。')).toMatchObject({
      kind: 'frequency',
      op: '>=',
      value: 1,
      unit: '次',
      period: 'day',
    });
    expect(one('班子成员每周轮流坐班接访。')).toMatchObject({ kind: 'frequency', period: 'week' });
  });

  it('reads a per-period amount as a level with the period, carried to a like figure', () => {
    expect(extractIndicators('党员每年参加志愿服务累计不少于8天,入党积极分子累计不少于4天。')).toMatchObject([
      { kind: 'level', op: '>=', value: 8, unit: '天', period: 'year' },
      { kind: 'level', op: '>=', value: 4, unit: '天', period: 'year' },
    ]);
  });

  it('does not carry a period to an unlike figure or a clause with its own span', () => {
    expect(extractIndicators('每月走访企业不少于1次,问题办结率达到100%。')[1]).toMatchObject({ period: null });
    expect(extractIndicators('每月开展一次检查,全年组织演练不少于4次。')[1]).toMatchObject({
      kind: 'level',
      period: null,
    });
  });

  it('reads a count over the year without 每 as a level', () => {
    expect(one('全年开展应急演练不少于6次。')).toMatchObject({ kind: 'level', period: null });
    expect(one('本年度对窗口人员进行2次以上的业务培训。')).toMatchObject({ kind: 'level', op: '>=', value: 2 });
  });

  it('reads 每个 / 每千人 / 每人 as a scope or ratio, not a period', () => {
    expect(one('每个村配备1名法律顾问。')).toMatchObject({ kind: 'level', value: 1, period: null, scope: 'each' });
    expect(one('每万人口拥有全科医生达到3名。')).toMatchObject({ kind: 'level', value: 3, unit: '名', period: null });
    expect(one('干部每人全年参加网络培训不少于50学时。')).toMatchObject({ kind: 'level', value: 50, period: null });
  });

  it('reads a time each person must spend in a period as a per-person floor (scope each)', () => {
    const [own, other] = extractIndicators(
      '确保机关、事业单位的党员每年参加所在党组织集体教育活动的时间累计不少于12天,其他党员累计不少于6天。',
    );
    expect(own).toMatchObject({ value: 12, unit: '天', period: 'year', scope: 'each' });
    expect(other).toMatchObject({ value: 6, unit: '天', period: 'year', scope: 'each' });
    expect(one('全年组织演练不少于4天。')?.scope).toBeUndefined();
  });
});

describe('extractIndicators: deadlines', () => {
  it.each([
    ['年内建成智慧社区5个。', '年内'],
    ['年底前完成改造40栋。', '年底前'],
    ['6月底前完成摸排100%。', '6月底前'],
    ['9月底前清理僵尸企业20家。', '9月底前'],
    ['2025年3月31日前建成充电桩200个。', '2025年3月31日前'],
    ['春节前发放慰问金50万元。', '春节前'],
    ['秋季开学前新增学位800个。', '秋季开学前'],
    ['确保全运会开幕之前完成改造30条道路。', '全运会开幕之前'],
  ])('%s', (text, deadline) => {
    expect(one(text)).toMatchObject({ deadline });
  });

  it('applies a clause that is only a deadline to the rest of the sentence', () => {
    expect(extractIndicators('年内,60%社区建成议事厅,40%社区建成书屋。').map((i) => i.deadline)).toEqual([
      '年内',
      '年内',
    ]);
  });

  it('gives no deadline to a target without one', () => {
    expect(one('新建停车位500个。')).toMatchObject({ deadline: null });
    expect(one('三年内实现全覆盖。')).toMatchObject({ deadline: null });
  });
});

describe('extractIndicators: text forms', () => {
  it('reads traditional characters and keeps them in the output', () => {
    const found = one('年內新建12家社康中心。');
    expect(found).toMatchObject({ op: '>=', value: 12, unit: '家', deadline: '年內', text: '年內新建12家社康中心' });
    expect(one('城鎮新增就業1.5萬人。')).toMatchObject({ value: 1.5, unit: '萬人' });
  });

  it('reads full-width digits and punctuation', () => {
    expect(brief('新建公厕１５座，失业率控制在３．５％以内。')).toEqual([
      ['level', '>=', 15, '座'],
      ['level', '<=', 3.5, '％'],
    ]);
  });

  it('sets text to the clause and span to its offsets', () => {
    const text = '加强服务。全年新引进企业50家以上，培育龙头企业3家。';
    for (const i of extractIndicators(text)) expect(text.slice(i.span?.[0], i.span?.[1])).toBe(i.text);
    expect(extractIndicators(text).map((i) => i.text)).toEqual(['全年新引进企业50家以上', '培育龙头企业3家']);
  });
});

describe('extractIndicators: what is no indicator', () => {
  it.each([
    ['在30人以上的企业推行职工代表大会制度。'],
    ['对年产值5000万元以上的企业开展上门服务。'],
    ['在全区8个街道开展试点。'],
    ['根据深府办〔2021〕5号文件要求,开展第三次专项检查和第12次联合执法。'],
    ['总结2019、2020、2021年工作经验,实施2022年行动计划。'],
    ['推进5G网络建设,实施“1+N”政策体系,开通12345热线。'],
    ['落实“四个意识”“两个维护”,抓好“三线”整治和“一肩挑”工作。'],
    ['实施“十四五”规划,打造八类特色街区。'],
    ['现有规上企业300家。'],
  ])('%s', (text) => {
    expect(brief(text)).toEqual([]);
  });

  it('keeps the target and drops a threshold inside it', () => {
    const found = one('60%社区拥有面积500平方米以上的活动场所。');
    expect(found).toMatchObject({ op: '>=', value: 60, unit: '%', condition: '500平方米以上' });
    expect(brief('其中年纳税超千万元的企业不少于5家。')).toEqual([['level', '>=', 5, '家']]);
    expect(brief('培育营收超亿元企业3家以上。')).toEqual([['level', '>=', 3, '家']]);
  });

  it('treats ages as conditions', () => {
    expect(brief('70岁以上老人体检率达到80%。')).toEqual([['level', '>=', 80, '%']]);
    expect(brief('为60周岁以上老人提供上门服务2万人次。')).toEqual([['level', '>=', 2, '万人次']]);
    expect(brief('3岁以下婴幼儿照护服务覆盖率达到50%。')).toEqual([['level', '>=', 50, '%']]);
  });

  it('keeps a standard that stands alone as the target', () => {
    expect(one('按照每个社区培训200人以上的标准开展急救培训。')).toMatchObject({ op: '>=', value: 200, unit: '人' });
  });

  it('reads a Chinese threshold before a noun as a condition', () => {
    expect(brief('实现千人以上大型活动的安保方案备案率达到100%。')).toEqual([['level', '>=', 100, '%']]);
  });

  it('drops the count in 五个100% and keeps the figures that follow', () => {
    expect(brief('力争实现三个100%,即登记率100%;核查率100%;处置率100%。')).toEqual([
      ['level', '>=', 100, '%'],
      ['level', '>=', 100, '%'],
      ['level', '>=', 100, '%'],
    ]);
  });

  it('reads PM2.5 as a name', () => {
    expect(brief('PM2.5年均浓度控制在30微克/立方米以内。')).toEqual([['level', '<=', 30, '微克/立方米']]);
  });

  it('drops the starting point of 由…提高到…', () => {
    expect(brief('办结率由85%提高到95%。')).toEqual([['level', '>=', 95, '%']]);
  });

  it('reads a duration before a noun as a name, and before 办结 as a time limit', () => {
    expect(brief('打造15分钟便民生活圈,实行7×24小时值班。')).toEqual([]);
    expect(brief('不动产登记3个工作日办结,群众诉求24小时内响应。')).toEqual([
      ['level', '<=', 3, '个工作日'],
      ['level', '<=', 24, '小时'],
    ]);
  });

  it('reads figures in quotes or titles as names', () => {
    expect(brief('落实“两个100%”要求,学习《十条措施》。')).toEqual([]);
  });

  it('reads facts already true as no target', () => {
    expect(brief('目前已建成驿站20个。')).toEqual([]);
  });
});

describe('extractIndicators: robustness', () => {
  it('returns nothing for empty or figure-free text', () => {
    expect(extractIndicators('')).toEqual([]);
    expect(extractIndicators('加强组织领导,压实工作责任。')).toEqual([]);
  });

  it('never throws, and every result is a valid indicator whose span locates its text', () => {
    const pieces = fc.constantFrom(
      ...['每月', '不少于', '1', '一', '次', '%', '以上', '同比', '下降', '分别', '、', ',', '。', '年内', '全覆盖'],
      ...['不新增', '处', '万', '个百分点', '至', '—', '均', '和', '达到', '(', '”', '第', 'PM', '2.5', '\n'],
    );
    const texts = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(texts, (text) => {
        for (const i of extractIndicators(text)) {
          expect(() => indicatorSchema.parse(i)).not.toThrow();
          expect(text.slice(i.span?.[0], i.span?.[1])).toBe(i.text);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
