import { describe, expect, it } from 'vitest';
import { findAssignments, parseAssignment } from './responsibility.ts';

const ctx = { places: [] };
const roles = (s: string) => parseAssignment(s, ctx)?.roles;

describe('parseAssignment', () => {
  it('reads X为责任单位,Y协办', () => {
    expect(roles('区委组织部、区委党校为责任单位,区民政局协办。')).toEqual({
      responsible: ['区委组织部', '区委党校'],
      support: ['区民政局'],
    });
  });

  it('reads Y为协办单位', () => {
    expect(roles('区民政局为责任单位，区建设局、审计局和财政局为协办单位。')).toEqual({
      responsible: ['区民政局'],
      support: ['区建设局', '区审计局', '区财政局'],
    });
  });

  it('reads labelled lines: 责任单位 牵头单位 协办单位 配合单位 参与单位', () => {
    expect(roles('牵头单位：区发展改革局')).toEqual({ lead: ['区发展改革局'] });
    expect(roles('责任单位:区教育局')).toEqual({ responsible: ['区教育局'] });
    expect(roles('协办单位：区财政局、区自然资源局，各镇(街道)')).toEqual({
      support: ['区财政局', '区自然资源局', '各镇(街道)'],
    });
    expect(roles('配合单位:区医保局')).toEqual({ support: ['区医保局'] });
    expect(roles('参与单位:团区委')).toEqual({ support: ['团区委'] });
  });

  it('reads several labels on one line', () => {
    expect(roles('责任单位：党建办；配合单位：各社区党委')).toEqual({
      responsible: ['党建办'],
      support: ['各社区党委'],
    });
  });

  it('reads X牵头,Y配合 and 由X负责', () => {
    expect(roles('区卫生健康局牵头，区医保局配合')).toEqual({ lead: ['区卫生健康局'], support: ['区医保局'] });
    expect(roles('由区司法局负责')).toEqual({ lead: ['区司法局'] });
  });

  it('marks section-wide statements', () => {
    const a = parseAssignment('以上工作由区卫生健康局牵头，各街道办事处配合。', ctx);
    expect(a?.sectionWide).toBe(true);
    expect(a?.roles).toEqual({ lead: ['区卫生健康局'], support: ['各街道办事处'] });
  });

  it('reads 同上 and 下同', () => {
    expect(parseAssignment('责任单位：同上', ctx)?.sameAsAbove).toEqual(['responsible']);
    const sticky = parseAssignment('责任单位：区卫生健康局，下同', ctx);
    expect(sticky?.sticky).toBe(true);
    expect(sticky?.roles).toEqual({ responsible: ['区卫生健康局'] });
  });

  it('keeps persons on 责任领导 lines apart from offices', () => {
    const a = parseAssignment('责任领导：王某某（副区长）', ctx);
    expect(a?.leaders).toEqual(['王某某（副区长）']);
    expect(a?.roles).toEqual({});
  });

  it('reads traditional characters', () => {
    expect(roles('區民政局為責任單位，區財政局協辦。')).toEqual({ responsible: ['區民政局'], support: ['區財政局'] });
  });

  it('refuses ordinary sentences', () => {
    expect(parseAssignment('培训经费由区财政统筹安排。', ctx)).toBeNull();
    expect(parseAssignment('加强组织领导，形成齐抓共管格局。', ctx)).toBeNull();
    expect(parseAssignment('', ctx)).toBeNull();
  });
});

describe('findAssignments', () => {
  it('finds a trailing bracket and takes it out of the text', () => {
    const f = findAssignments('新建党组织5个以上。（责任单位：党建办；配合单位：经发办（统计站））', ctx);
    expect(f?.trailing).toBe(true);
    expect(f?.rest).toBe('新建党组织5个以上。');
    expect(f?.assignments[0]?.roles).toEqual({ responsible: ['党建办'], support: ['经发办（统计站）'] });
  });

  it('finds 〔责任单位:X〕下同', () => {
    const f = findAssignments('每个街道建成1个社康中心。〔责任单位：区卫生健康局〕下同', ctx);
    expect(f?.assignments[0]?.sticky).toBe(true);
    expect(f?.rest).toBe('每个街道建成1个社康中心。');
  });

  it('finds a closing sentence', () => {
    const f = findAssignments('推进医联体建设。区卫生健康局牵头，区医保局配合。', ctx);
    expect(f?.rest).toBe('推进医联体建设。');
    expect(f?.assignments[0]?.roles).toEqual({ lead: ['区卫生健康局'], support: ['区医保局'] });
  });

  it('leaves brackets that name no office', () => {
    expect(findAssignments('开展“双联双定”活动（试点）。', ctx)).toBeNull();
  });
});
