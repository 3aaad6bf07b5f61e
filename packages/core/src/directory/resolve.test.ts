import { describe, expect, it } from 'vitest';
import { buildResolver, type Directory, type DirectoryOffice, directoryKey, parenthesisVariants } from './resolve.ts';

let n = 0;
const office = (name: string, aliases: string[] = [], kind = 'government-department'): DirectoryOffice => ({
  id: `o${++n}`,
  name,
  aliases,
  kind,
  parentId: null,
});

function resolverOf(offices: DirectoryOffice[], groups: Directory['groups'] = []) {
  const resolve = buildResolver({ offices, groups });
  return (mention: string) => {
    const r = resolve(mention);
    return r.kind === 'unresolved' ? r : { kind: r.kind, name: r.name, via: r.via };
  };
}

describe('directoryKey', () => {
  it('folds full-width forms, traditional characters, white space and bracket shapes', () => {
    expect(directoryKey(' 區人事局（編辦） ')).toBe('区人事局(编办)');
    expect(directoryKey('区 委〔政府〕办')).toBe('区委(政府)办');
  });
});

describe('parenthesisVariants', () => {
  it('gives the names outside and inside brackets that close a name', () => {
    expect(parenthesisVariants('区纪委(监察局)')).toEqual(['区纪委', '监察局', '区监察局', '区纪委监察局']);
    expect(parenthesisVariants('区委组织部(基层办)')).toEqual([
      '区委组织部',
      '基层办',
      '区委基层办',
      '区基层办',
      '区委组织部基层办',
    ]);
  });

  it('substitutes a bracket inside a name after its administrative prefix', () => {
    expect(parenthesisVariants('区委(政府)办')).toEqual(['区委办', '区政府办', '区委政府办']);
  });

  it('reads an optional character in brackets both ways', () => {
    expect(parenthesisVariants('各基层党(工)委')).toEqual(['各基层党委', '各基层党工委']);
  });

  it('keeps a prefix the inside name has of its own', () => {
    expect(parenthesisVariants('区委编办(区委改革办)')).toEqual(['区委编办', '区委改革办', '区委编办区委改革办']);
  });

  it('gives nothing for a name without brackets', () => {
    expect(parenthesisVariants('区民政局')).toEqual([]);
  });
});

describe('buildResolver', () => {
  describe('name', () => {
    const resolve = resolverOf([office('区民政局'), office('区人事局(编办)')]);

    it('matches a name exactly', () => {
      expect(resolve('区民政局')).toEqual({ kind: 'office', name: '区民政局', via: 'name' });
    });

    it('matches through traditional characters, full-width brackets and white space', () => {
      expect(resolve('區民政局')).toEqual({ kind: 'office', name: '区民政局', via: 'name' });
      expect(resolve('区人事局（编办）')).toEqual({ kind: 'office', name: '区人事局(编办)', via: 'name' });
      expect(resolve('區 人事局 (編辦)')).toEqual({ kind: 'office', name: '区人事局(编办)', via: 'name' });
    });
  });

  describe('alias', () => {
    it('matches an alias, folded like names', () => {
      const resolve = resolverOf([office('区发展改革局', ['区发改局'])]);
      expect(resolve('区发改局')).toEqual({ kind: 'office', name: '区发展改革局', via: 'alias' });
      expect(resolve('區發改局')).toEqual({ kind: 'office', name: '区发展改革局', via: 'alias' });
    });

    it('prefers a name to another office’s alias', () => {
      const resolve = resolverOf([office('区编办'), office('区人事局', ['区编办'])]);
      expect(resolve('区编办')).toEqual({ kind: 'office', name: '区编办', via: 'name' });
    });
  });

  describe('parenthesis', () => {
    const resolve = resolverOf([
      office('区纪委(监察局)', [], 'party-department'),
      office('区人事局(编办)'),
      office('区委(政府)办', [], 'party-department'),
      office('区委组织部', [], 'party-department'),
      office('区维稳综治办'),
    ]);

    it('answers to the names inside and outside the brackets of an office’s name', () => {
      expect(resolve('区纪委')).toEqual({ kind: 'office', name: '区纪委(监察局)', via: 'parenthesis' });
      expect(resolve('区监察局')).toEqual({ kind: 'office', name: '区纪委(监察局)', via: 'parenthesis' });
      expect(resolve('监察局')).toEqual({ kind: 'office', name: '区纪委(监察局)', via: 'parenthesis' });
      expect(resolve('区人事局')).toEqual({ kind: 'office', name: '区人事局(编办)', via: 'parenthesis' });
      expect(resolve('区编办')).toEqual({ kind: 'office', name: '区人事局(编办)', via: 'parenthesis' });
      expect(resolve('區編辦')).toEqual({ kind: 'office', name: '区人事局(编办)', via: 'parenthesis' });
    });

    it('answers to both halves of a bracket inside a name', () => {
      expect(resolve('区委办')).toEqual({ kind: 'office', name: '区委(政府)办', via: 'parenthesis' });
      expect(resolve('区政府办')).toEqual({ kind: 'office', name: '区委(政府)办', via: 'parenthesis' });
    });

    it('resolves a bracketed mention by its outside name when no office has the full name', () => {
      expect(resolve('区委组织部(基层办)')).toEqual({ kind: 'office', name: '区委组织部', via: 'parenthesis' });
      expect(resolve('区委组织部（基层办）')).toEqual({ kind: 'office', name: '区委组织部', via: 'parenthesis' });
      expect(resolve('区维稳综治办(人口办)')).toEqual({ kind: 'office', name: '区维稳综治办', via: 'parenthesis' });
    });

    it('resolves a bracketed mention by its inside name when the outside names nothing', () => {
      const r = resolverOf([office('区信访局')]);
      expect(r('区应急指挥中心(信访局)')).toEqual({ kind: 'office', name: '区信访局', via: 'parenthesis' });
    });

    it('lets an office’s own name shadow a form derived from another’s brackets', () => {
      const r = resolverOf([office('区委组织部'), office('区委基层办', ['区委组织部(基层办)'])]);
      expect(r('区委组织部(基层办)')).toEqual({ kind: 'office', name: '区委基层办', via: 'alias' });
      expect(r('组织部')).toEqual({ kind: 'office', name: '区委组织部', via: 'prefix' });
      expect(r('基层办')).toEqual({ kind: 'office', name: '区委基层办', via: 'parenthesis' });
    });

    it('prefers an office with the full bracketed name', () => {
      const r = resolverOf([office('区委组织部'), office('区委组织部(基层办)')]);
      expect(r('区委组织部(基层办)')).toEqual({ kind: 'office', name: '区委组织部(基层办)', via: 'name' });
    });
  });

  describe('prefix', () => {
    const resolve = resolverOf([office('区审计局'), office('统计局'), office('区委宣传部', [], 'party-department')]);

    it('matches a mention without the prefix an office has', () => {
      expect(resolve('审计局')).toEqual({ kind: 'office', name: '区审计局', via: 'prefix' });
      expect(resolve('宣传部')).toEqual({ kind: 'office', name: '区委宣传部', via: 'prefix' });
    });

    it('matches a mention with a prefix the office lacks', () => {
      expect(resolve('区统计局')).toEqual({ kind: 'office', name: '统计局', via: 'prefix' });
      expect(resolve('縣統計局')).toEqual({ kind: 'office', name: '统计局', via: 'prefix' });
    });

    it('never takes one prefix for another', () => {
      expect(resolve('市审计局').kind).toBe('unresolved');
      expect(resolve('市委宣传部').kind).toBe('unresolved');
    });

    it('does not read 市场 as a prefix', () => {
      const r = resolverOf([office('区市场监管局')]);
      expect(r('市场监管局')).toEqual({ kind: 'office', name: '区市场监管局', via: 'prefix' });
      expect(r('场监管局').kind).toBe('unresolved');
    });

    it('leaves a prefix-less mention unresolved when two levels have the name', () => {
      const r = buildResolver({ offices: [office('区财政局'), office('市财政局')], groups: [] });
      const res = r('财政局');
      expect(res.kind).toBe('unresolved');
      if (res.kind === 'unresolved') {
        expect(res.suggestions.map((s) => s.name).sort()).toEqual(['市财政局', '区财政局'].sort());
      }
    });
  });

  describe('abbreviation', () => {
    const resolve = resolverOf([
      office('区发展和改革局'),
      office('区人力资源和社会保障局'),
      office('区住房和城乡建设局'),
      office('区卫生健康局'),
      office('区市场监督管理局'),
      office('区城市管理局'),
      office('区科学技术局'),
      office('区工业和信息化局'),
      office('区人口和计划生育局'),
      office('区安全生产监督管理局'),
      office('区应急管理局'),
      office('区文化广电旅游体育局'),
      office('区政务服务数据管理局'),
      office('区委政法委综合治理办公室', [], 'party-department'),
      office('区人民政府办公室'),
      office('区自然资源与规划局'),
    ]);

    it.each([
      ['区发改局', '区发展和改革局'],
      ['区发展改革局', '区发展和改革局'],
      ['发改局', '区发展和改革局'],
      ['区人社局', '区人力资源和社会保障局'],
      ['区人力资源社会保障局', '区人力资源和社会保障局'],
      ['区住建局', '区住房和城乡建设局'],
      ['区住房城乡建设局', '区住房和城乡建设局'],
      ['区卫健局', '区卫生健康局'],
      ['区卫计局', '区卫生健康局'],
      ['区卫生和计划生育局', '区卫生健康局'],
      ['区市场监管局', '区市场监督管理局'],
      ['区城管局', '区城市管理局'],
      ['区科技局', '区科学技术局'],
      ['区工信局', '区工业和信息化局'],
      ['区人口计生局', '区人口和计划生育局'],
      ['区安监局', '区安全生产监督管理局'],
      ['区应急局', '区应急管理局'],
      ['区文广旅体局', '区文化广电旅游体育局'],
      ['区政数局', '区政务服务数据管理局'],
      ['区委政法委综治办', '区委政法委综合治理办公室'],
      ['区政府办', '区人民政府办公室'],
      ['区自然资源和规划局', '区自然资源与规划局'],
      ['區發展改革局', '区发展和改革局'],
    ])('%s → %s', (mention, name) => {
      expect(resolve(mention)).toEqual({ kind: 'office', name, via: 'abbreviation' });
    });

    it('applies the stems to the office side too', () => {
      const r = resolverOf([office('区发改局'), office('区卫计委')]);
      expect(r('区发展和改革局')).toEqual({ kind: 'office', name: '区发改局', via: 'abbreviation' });
      expect(r('区卫生健康委员会')).toEqual({ kind: 'office', name: '区卫计委', via: 'abbreviation' });
    });

    it('does not cross prefixes either', () => {
      expect(resolve('市发改局').kind).toBe('unresolved');
    });
  });

  describe('groups', () => {
    const streets = ['东门', '南湖'].map((s) => office(`${s}街道办事处`, [`${s}街道`], 'street-office'));
    const groups = [
      { id: 'g1', name: '各街道办事处', aliases: ['各街道办', '各街道'] },
      { id: 'g2', name: '各基层党(工)委', aliases: [] },
      { id: 'g3', name: '区直机关', aliases: ['区直各单位', '区直有关单位'] },
      { id: 'g4', name: '有关职能部门', aliases: ['各有关部门'] },
    ];
    const resolve = resolverOf(streets, groups);

    it.each([
      ['各街道办事处', '各街道办事处', 'name'],
      ['各街道办', '各街道办事处', 'alias'],
      ['各街道', '各街道办事处', 'alias'],
      ['各基层党(工)委', '各基层党(工)委', 'name'],
      ['各基层党（工）委', '各基层党(工)委', 'name'],
      ['各基层党委', '各基层党(工)委', 'parenthesis'],
      ['各基层党工委', '各基层党(工)委', 'parenthesis'],
      ['区直机关', '区直机关', 'name'],
      ['区直各单位', '区直机关', 'alias'],
      ['区直有关单位', '区直机关', 'alias'],
      ['有关职能部门', '有关职能部门', 'name'],
      ['区有关职能部门', '有关职能部门', 'prefix'],
      ['各有关部门', '有关职能部门', 'alias'],
    ])('%s → %s (%s)', (mention, name, via) => {
      expect(resolve(mention)).toEqual({ kind: 'group', name, via });
    });

    it('keeps offices and groups apart', () => {
      expect(resolve('东门街道')).toEqual({ kind: 'office', name: '东门街道办事处', via: 'alias' });
    });
  });

  describe('unresolved', () => {
    const resolve = buildResolver({
      offices: [
        office('区财政局驻某单位'),
        office('市财政局'),
        office('区民政局'),
        office('区统计局'),
        office('罗湖公安分局', [], 'vertical-agency'),
      ],
      groups: [],
    });

    it('does not take a longer name or another level for a mention', () => {
      const r = resolve('区财政局');
      expect(r.kind).toBe('unresolved');
      if (r.kind !== 'unresolved') return;
      expect(r.suggestions.map((s) => s.name)).toContain('市财政局');
      expect(r.suggestions.map((s) => s.name)).toContain('区财政局驻某单位');
    });

    it('ranks suggestions by similarity, at most five, all above 0.3', () => {
      const r = buildResolver({
        offices: ['区财政局', '区民政局', '区教育局', '区卫生局', '区司法局', '区审计局', '区体育局'].map((x) =>
          office(x),
        ),
        groups: [],
      })('区财政厅');
      expect(r.kind).toBe('unresolved');
      if (r.kind !== 'unresolved') return;
      expect(r.suggestions[0]?.name).toBe('区财政局');
      expect(r.suggestions.length).toBeLessThanOrEqual(5);
      for (const s of r.suggestions) expect(s.score).toBeGreaterThan(0.3);
      const scores = r.suggestions.map((s) => s.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('has no suggestions for a mention like nothing', () => {
      expect(resolve('深圳海关')).toEqual({ kind: 'unresolved', suggestions: [] });
      expect(resolve('')).toEqual({ kind: 'unresolved', suggestions: [] });
    });

    it('reports the candidates of an ambiguous mention first', () => {
      const r = buildResolver({ offices: [office('甲局', ['共用']), office('乙局', ['共用'])], groups: [] })('共用');
      expect(r.kind).toBe('unresolved');
      if (r.kind === 'unresolved') expect(r.suggestions.map((s) => s.name).sort()).toEqual(['乙局', '甲局'].sort());
    });
  });

  it('resolves a thousand mentions over a large directory quickly', () => {
    const offices = Array.from({ length: 2000 }, (_, i) => office(`区第${i}局`, [`第${i}局`]));
    const resolve = buildResolver({ offices, groups: [] });
    const t = performance.now();
    for (let i = 0; i < 1000; i++) expect(resolve(`区第${i}局`).kind).toBe('office');
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
