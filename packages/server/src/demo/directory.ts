import type { OfficeGroupRow, OfficeKind } from '../db/schema.ts';

/**
 * The demo directory: Luohu district (深圳市罗湖区) as its 2007 基层基础年 plan
 * (examples/luohu-2007-jichu.txt) names it. Plain data; `seedDirectory` in the offices
 * service loads it. Names are the ones the plan prints most often; the other spellings it uses
 * are aliases, except those the resolver's general rules already cover.
 */

export interface DemoOffice {
  readonly name: string;
  readonly kind: OfficeKind;
  readonly aliases: readonly string[];
  /** The parent office's name: it comes earlier in the list. */
  readonly parent?: string;
}

export interface DemoGroup {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly mode: OfficeGroupRow['mode'];
  /** Member offices by name. */
  readonly members: readonly string[];
}

/** Luohu's ten streets (街道). */
export const DEMO_STREETS = ['桂园', '黄贝', '东门', '翠竹', '东晓', '南湖', '笋岗', '清水河', '莲塘', '东湖'] as const;

const party = (name: string, aliases: string[] = [], parent?: string): DemoOffice =>
  parent ? { name, kind: 'party-department', aliases, parent } : { name, kind: 'party-department', aliases };
const gov = (name: string, aliases: string[] = []): DemoOffice => ({ name, kind: 'government-department', aliases });
const vertical = (name: string, aliases: string[] = []): DemoOffice => ({ name, kind: 'vertical-agency', aliases });
const mass = (name: string, aliases: string[] = []): DemoOffice => ({ name, kind: 'mass-organisation', aliases });

/** The district's party departments, including the basic-level party working committees. */
const PARTY: readonly DemoOffice[] = [
  // One office serves the district party committee and the district government (区委办 and 区政府办).
  party('区委(政府)办', ['区委办公室', '区政府办公室']),
  party('区委组织部'),
  // The plan office (基层办) sits in the organisation department; the plan writes it 区委组织部(基层办).
  party('区委基层办', ['区委组织部(基层办)', '区基层工作办公室'], '区委组织部'),
  party('区委宣传部'),
  party('区委统战部'),
  party('区纪委', ['区监察局', '区纪委(监察局)']),
  party('区委党校'),
  // Stability and public order office (under the 政法委); it also runs the population office (人口办).
  party('区维稳综治办', ['区维稳综治办(人口办)', '区人口办', '区综治办']),
  // Basic-level party committees besides the streets' (the plan's 各基层党(工)委, 区民营工委).
  party('区直机关工委', ['区直属机关工委']),
  party('区民营工委', ['区民营经济工委']),
];

const GOVERNMENT: readonly DemoOffice[] = [
  gov('区发展改革局', ['区发改局']),
  gov('区人事局', ['区人事局(编办)', '区编办']),
  gov('区改革办'),
  gov('区法制办', ['区法制机构', '区政府法制办']),
  gov('区民政局'),
  gov('区财政局'),
  gov('区贸工局', ['区贸易工业局']),
  gov('区劳动局', ['区劳动和社会保障局']),
  gov('区统计局'),
  gov('区审计局'),
  gov('区建设局'),
  gov('区物业办', ['区物业管理办公室']),
  gov('区人口计生局', ['区人口和计划生育局']),
  gov('区卫生局'),
  gov('区教育局'),
  gov('区司法局'),
  gov('区文化局'),
  gov('区体育局'),
  gov('区科技局'),
  gov('区城管局'),
  gov('区出租屋综管办', ['区出租屋综合管理办公室']),
  gov('区安全生产监督管理局'),
  // The emergency command centre also hosts the petitions office (信访局 / 信访办).
  gov('区应急指挥中心', ['区应急指挥中心(信访局)', '区应急指挥中心(信访办)', '区信访局', '区信访办']),
];

const OTHER: readonly DemoOffice[] = [
  { name: '区法院', kind: 'other', aliases: ['区人民法院', '罗湖区人民法院'] },
  vertical('罗湖公安分局', ['区公安分局', '公安罗湖分局']),
  vertical('罗湖工商分局', ['区工商分局', '工商罗湖分局']),
  vertical('罗湖地税局', ['区地税局', '地税罗湖分局']),
  vertical('罗湖社保分局', ['区社保分局', '社保罗湖分局']),
  vertical('罗湖质监分局', ['区质监分局', '质监罗湖分局']),
  mass('团区委', ['共青团罗湖区委']),
  mass('区妇联'),
  mass('区总工会'),
  mass('区残联'),
  mass('区商会', ['区工商联']),
];

const STREET_OFFICES: readonly DemoOffice[] = DEMO_STREETS.map((s) => ({
  name: `${s}街道办事处`,
  kind: 'street-office',
  aliases: [`${s}街道`, `${s}街道办`],
}));

const STREET_COMMITTEES: readonly DemoOffice[] = DEMO_STREETS.map((s) => ({
  name: `${s}街道党工委`,
  kind: 'street-party-committee',
  aliases: [],
}));

/** Every demo office, parents before children. */
export const DEMO_OFFICES: readonly DemoOffice[] = [
  ...PARTY,
  ...GOVERNMENT,
  ...OTHER,
  ...STREET_OFFICES,
  ...STREET_COMMITTEES,
];

/** The demo groups: the collectives the plan assigns tasks to. */
export const DEMO_GROUPS: readonly DemoGroup[] = [
  { name: '各街道办事处', aliases: ['各街道办', '各街道'], mode: 'fixed', members: STREET_OFFICES.map((o) => o.name) },
  { name: '各街道党工委', aliases: [], mode: 'fixed', members: STREET_COMMITTEES.map((o) => o.name) },
  {
    name: '各基层党(工)委',
    aliases: ['各基层党委', '各基层党工委'],
    mode: 'fixed',
    members: [...STREET_COMMITTEES.map((o) => o.name), '区直机关工委', '区民营工委'],
  },
  {
    name: '区直机关',
    aliases: ['区直各单位', '区直有关单位', '区直单位'],
    mode: 'fixed',
    members: [...PARTY, ...GOVERNMENT].filter((o) => o.parent === undefined).map((o) => o.name),
  },
  // Which departments are "concerned" depends on the task: the plan office fills these in.
  { name: '有关职能部门', aliases: ['区有关职能部门', '各有关部门', '各职能部门'], mode: 'fill-in', members: [] },
  { name: '各派驻单位', aliases: ['派驻单位', '各驻社区单位'], mode: 'fill-in', members: [] },
];
