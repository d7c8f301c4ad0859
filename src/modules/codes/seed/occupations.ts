// GB/T 6565 occupation major groups, coded as the PBOC credit-reference system (个人征信) codes them and as
// seed 001 §3.1.2 / CIF-11 lists them: 0, 1, 3, 4, 5, 6, X, Y, Z. These are not GB/T 6565's own numbering
// (the standard numbers its major groups 1–8, and the 2015 edition regrouped them); Z (unknown) is the credit
// system's addition. Names are GB/T 6565-1999's. Only the major groups are seeded, per /work/shared/data/README.md.
import type { CodeTableSeed } from './types.ts';
import { flatTable } from './build.ts';

export function occupationTables(): CodeTableSeed[] {
  return [
    flatTable('occupation', '职业', 'Occupation', 'GB/T 6565-1999 major groups (credit-reference coding); CIF-11 (seed 001 §3.1.2)', [
      ['0', '国家机关、党群组织、企业、事业单位负责人', 'Heads of state organs, Party and mass organisations, enterprises and public institutions'],
      ['1', '专业技术人员', 'Professional and technical personnel'],
      ['3', '办事人员和有关人员', 'Clerical and related personnel'],
      ['4', '商业、服务业人员', 'Commerce and service personnel'],
      ['5', '农、林、牧、渔、水利业生产人员', 'Agriculture, forestry, animal husbandry, fishery and water conservancy workers'],
      ['6', '生产、运输设备操作人员及有关人员', 'Production and transport equipment operators and related workers'],
      ['X', '军人', 'Military personnel'],
      ['Y', '不便分类的其他从业人员', 'Other workers not elsewhere classified'],
      ['Z', '未知', 'Unknown'],
    ]),
  ];
}
