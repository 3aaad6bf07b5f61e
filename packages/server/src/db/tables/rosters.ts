/** Tables of the rosters (人员名册): the people frequency targets judge. */

/** One person of a roster category, with their office. */
export interface RosterPersonTable {
  id: string;
  /** 区级领导, 区直单位负责人, 驻社区干部, 执法人员, or a category the plan office adds. */
  category: string;
  name: string;
  /** 职务, as the office writes it; '' when none. */
  title: string;
  office_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RosterTables {
  roster_people: RosterPersonTable;
}
