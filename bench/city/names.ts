import type { OfficeKind } from '../../packages/server/src/db/schema.ts';
import type { Random } from './random.ts';

/** Names and words of the synthetic city: offices, people, tasks, targets and ledger texts. */

export const DEPARTMENTS: readonly (readonly [string, OfficeKind])[] = [
  ['区委组织部', 'party-department'],
  ['区委宣传部', 'party-department'],
  ['区委统战部', 'party-department'],
  ['区委政法委', 'party-department'],
  ['区纪委监委', 'party-department'],
  ['区委社会工作部', 'party-department'],
  ['区发展改革局', 'government-department'],
  ['区教育局', 'government-department'],
  ['区科技创新局', 'government-department'],
  ['区工业和信息化局', 'government-department'],
  ['区民政局', 'government-department'],
  ['区司法局', 'government-department'],
  ['区财政局', 'government-department'],
  ['区人力资源局', 'government-department'],
  ['区生态环境局', 'government-department'],
  ['区住房建设局', 'government-department'],
  ['区交通运输局', 'government-department'],
  ['区水务局', 'government-department'],
  ['区商务局', 'government-department'],
  ['区文化广电旅游体育局', 'government-department'],
  ['区卫生健康局', 'government-department'],
  ['区退役军人事务局', 'government-department'],
  ['区应急管理局', 'government-department'],
  ['区审计局', 'government-department'],
  ['区市场监督管理局', 'government-department'],
  ['区统计局', 'government-department'],
  ['区医疗保障局', 'government-department'],
  ['区城市管理和综合执法局', 'government-department'],
  ['区信访局', 'government-department'],
  ['区政务服务数据管理局', 'government-department'],
  ['区城市更新和土地整备局', 'government-department'],
  ['区国有资产监督管理局', 'government-department'],
  ['区公安分局', 'vertical-agency'],
  ['区税务局', 'vertical-agency'],
  ['区消防救援大队', 'vertical-agency'],
  ['区规划土地监察局', 'vertical-agency'],
  ['区总工会', 'mass-organisation'],
  ['团区委', 'mass-organisation'],
  ['区妇联', 'mass-organisation'],
  ['区残联', 'mass-organisation'],
];

export const STREETS = ['东门', '南湖', '桂园', '黄贝', '翠竹', '东晓', '笋岗', '清水河', '莲塘', '东湖'];

export const COMMUNITY_WORDS = [
  '湖景',
  '新村',
  '山顶',
  '花园',
  '金湖',
  '翠岭',
  '文华',
  '向西',
  '渔村',
  '螺岭',
  '松园',
  '桂木',
  '凤凰',
  '田心',
  '水库',
  '木头龙',
  '泥岗',
  '洪湖',
  '布心',
  '太白',
  '长岭',
  '仙湖',
  '鹏兴',
  '畔山',
  '莲南',
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玲兰海波宁辉鹏飞晓东雪梅丹琳斌浩';

/** A person's name: a surname and one or two given characters. */
export function personName(random: Random): string {
  const given = random.pick([...GIVEN]) + (random.chance(0.7) ? random.pick([...GIVEN]) : '');
  return random.pick([...SURNAMES]) + given;
}

export const LEADER_TITLES = ['区委常委', '副区长', '区人大副主任', '区政协副主席', '局长', '副局长', '部长', '主任'];

export const SECTION_TITLES = [
  '切实加强基层党组织建设,不断增强党组织的凝聚力',
  '围绕民生福祉,着力解决群众急难愁盼问题',
  '加强体制机制建设,提高基层治理水平',
  '加强矛盾排查化解,促进社会和谐稳定',
  '强化作风建设和督查考核,确保各项任务落到实处',
];

const TASK_VERBS = ['扎实推进', '持续加强', '全面完善', '深化', '加快推进', '大力推动', '着力提升', '健全'];
const TASK_SUBJECTS = [
  '社区党组织建设',
  '党员教育管理',
  '居民就业服务',
  '社区养老服务',
  '食品药品安全监管',
  '老旧小区改造',
  '城中村综合治理',
  '基层医疗卫生服务',
  '义务教育均衡发展',
  '社区文化建设',
  '群众体育设施建设',
  '出租屋和流动人口管理',
  '街道综合执法',
  '社会治安综合治理',
  '安全生产隐患排查',
  '矛盾纠纷多元化解',
  '信访工作责任落实',
  '社会救助体系建设',
  '社会工作人才队伍建设',
  '网格化服务管理',
  '垃圾分类和环境卫生',
  '消防安全网格管理',
  '驻社区干部挂点联系',
  '基层干部教育培训',
];

export function taskTitle(random: Random): string {
  return random.pick(TASK_VERBS) + random.pick(TASK_SUBJECTS);
}

export const TASK_SENTENCES = [
  '坚持问题导向,建立健全工作责任制,逐级签订目标责任书。',
  '加强统筹协调,整合各方资源,形成工作合力。',
  '完善考核评价机制,把工作成效纳入年度绩效考核。',
  '坚持建设和管理并重,探索社会化和市场化运作模式。',
  '加强督促检查,定期通报工作进展,确保各项措施落到实处。',
];

export const TASK_DEADLINES = [null, null, null, '年内', '6月底前', '9月底前', '年底前'] as const;

export const REVIEW_COMMENTS = ['数据口径不一致,请核实后重报', '请补充佐证材料', '进展情况描述过于简单,请补充具体举措'];

export const NARRATIVES = [
  '本月按计划推进,已召开专题会议研究部署,各项工作有序开展。',
  '已完成阶段性任务,下一步将加大督促力度,确保按期完成。',
  '工作推进中遇到场地和资金问题,已报请区政府协调解决。',
  '完成年度目标任务的过半,重点难点问题正在逐项销号。',
];

export const VISIT_NOTES = [
  '走访困难家庭,了解生活情况',
  '检查社区服务中心运转',
  '听取社区工作汇报',
  '实地查看整治点位',
];
export const DIARY_TEXTS = [
  '入户走访居民,收集对小区改造的意见建议。',
  '参加社区议事会,协调停车难问题。',
  '巡查城中村出租屋消防通道,督促整改。',
  '接待来访群众,登记诉求并转交相关部门。',
];
export const RAISED = ['楼道堆放杂物', '路灯损坏', '违章搭建', '噪音扰民', '积水内涝', '电动车违规充电'];
export const MEETING_TOPICS = ['驻社区工作会议', '维稳综治形势分析会', '安全生产工作会议', '民生实事推进会'];
export const TRAINING_TOPICS = ['社区工作者业务培训', '网格员能力提升培训', '应急处置演练', '党务干部轮训'];
export const PROBLEM_TITLES = [
  '小区消防通道被占用',
  '城中村出租屋电线私拉乱接',
  '邻里噪音纠纷',
  '老旧小区外墙脱落',
  '道路井盖缺失',
  '困难家庭就业求助',
  '农贸市场环境卫生差',
  '工地夜间施工扰民',
];
export const ROADS = ['路', '街', '巷', '新村'];
