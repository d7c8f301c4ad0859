// Customer-to-customer relationship tables (REL-1, REL-2), from seed 001 §4.1.
import type { CodeTableSeed } from './types.ts';
import { flatTable } from './build.ts';

export function relationshipTables(): CodeTableSeed[] {
  return [
    // Decides which certificate table the party's ID type comes from: 1 → corporate_certificate_type, 2 → id_type.
    flatTable('party_category', '关联方类别', 'Related party category', 'REL-2 (seed 001 §4.1)', [
      ['1', '企业', 'Enterprise'],
      ['2', '自然人', 'Natural person'],
    ]),
    // The role the related party plays towards the customer (party is the customer's guarantor, parent, …).
    // 01–04 credit relations and 05–11 family relations are the seed's; 12–14 are the [modern] additions of REL-2
    // (REL-1 names shareholders, executives and employers; issue 15 legal representatives and actual controllers).
    flatTable('relation_role', '关系方角色类型', 'Relationship role', 'REL-2 (seed 001 §4.1); 12–16 added per REL-1/REL-2', [
      ['01', '担保人', 'Guarantor'],
      ['02', '被担保人', 'Guaranteed party'],
      ['03', '抵押人', 'Mortgagor'],
      ['04', '质押人', 'Pledgor'],
      ['05', '父母', 'Parent'],
      ['06', '子女', 'Child'],
      ['07', '配偶', 'Spouse'],
      ['08', '兄弟姐妹', 'Sibling'],
      ['09', '祖父母', 'Grandparent'],
      ['10', '孙子女', 'Grandchild'],
      ['11', '其他亲属', 'Other relative'],
      ['12', '股东', 'Shareholder'],
      ['13', '高级管理人员', 'Senior executive'],
      ['14', '工作单位', 'Employer'],
      ['15', '法定代表人', 'Legal representative'],
      ['16', '实际控制人', 'Actual controller'],
    ]),
  ];
}
