import { describe, expect, it } from 'vitest';
import { looksLikeOffice, placeNamesOf, splitMentions } from './mentions.ts';

const ctx = { places: ['罗湖', '青川', '滨海'] };
const split = (s: string) => splitMentions(s, ctx);

describe('splitMentions', () => {
  it('splits on 、 , ; and line breaks', () => {
    expect(split('区发改局、区财政局，区统计局;区审计局\n区民政局')).toEqual([
      '区发改局',
      '区财政局',
      '区统计局',
      '区审计局',
      '区民政局',
    ]);
  });

  it('splits on 和 及 与 以及 only where they join two office names', () => {
    expect(split('区教育局和区卫生局')).toEqual(['区教育局', '区卫生局']);
    expect(split('区教育局及区卫生局与区体育局以及区文化局')).toEqual(['区教育局', '区卫生局', '区体育局', '区文化局']);
    expect(split('区住房和城乡建设局')).toEqual(['区住房和城乡建设局']);
    expect(split('区人力资源和社会保障局、区发展和改革局')).toEqual(['区人力资源和社会保障局', '区发展和改革局']);
  });

  it('never splits inside parentheses, half- or full-width', () => {
    expect(split('区人事局(编办)、区纪委（监察局）')).toEqual(['区人事局(编办)', '区纪委（监察局）']);
    expect(split('区委(区政府)办公室和区档案局')).toEqual(['区委(区政府)办公室', '区档案局']);
  });

  it('spreads a leading 各 over the names joined to it that have no prefix of their own', () => {
    expect(split('各街道及派驻单位')).toEqual(['各街道', '各派驻单位']);
    expect(split('各镇及区直有关单位')).toEqual(['各镇', '区直有关单位']);
    expect(split('各社区居委会、辖区物业企业')).toEqual(['各社区居委会', '辖区物业企业']);
  });

  it('carries the administrative prefix of an earlier name to later names without one', () => {
    expect(split('区建设局、审计局和财政局')).toEqual(['区建设局', '区审计局', '区财政局']);
    expect(split('市公安局、交通局')).toEqual(['市公安局', '市交通局']);
    expect(split('县农业局、林业局')).toEqual(['县农业局', '县林业局']);
    expect(split('镇综治办、司法所')).toEqual(['镇综治办', '镇司法所']);
    expect(split('区财政局、市场监管局')).toEqual(['区财政局', '区市场监管局']);
  });

  it('leaves names that carry their own prefix or a place name', () => {
    expect(split('区财政局、罗湖公安分局、团区委、各街道办事处、公安滨海分局、青川区税务局')).toEqual([
      '区财政局',
      '罗湖公安分局',
      '团区委',
      '各街道办事处',
      '公安滨海分局',
      '青川区税务局',
    ]);
  });

  it('carries a traditional prefix as printed', () => {
    expect(split('區建設局、審計局')).toEqual(['區建設局', '區審計局']);
  });

  it('names each office once and drops 等', () => {
    expect(split('区财政局、区财政局、区审计局等')).toEqual(['区财政局', '区审计局']);
  });

  it('returns nothing for an empty list', () => {
    expect(split('  、 ')).toEqual([]);
  });
});

describe('placeNamesOf', () => {
  it('reads the places a document head names', () => {
    expect(placeNamesOf('中共深圳市罗湖区委办公室关于印发罗湖区2007年工作要点的通知')).toEqual(['深圳', '罗湖']);
  });
  it('does not take words such as 社区 or 全区 for places', () => {
    expect(placeNamesOf('推进全区社区建设,城区管理')).toEqual([]);
  });
});

describe('looksLikeOffice', () => {
  it('accepts office names and refuses ordinary words', () => {
    expect(looksLikeOffice('区发展改革局')).toBe(true);
    expect(looksLikeOffice('区委党校')).toBe(true);
    expect(looksLikeOffice('培训经费')).toBe(false);
  });
});
