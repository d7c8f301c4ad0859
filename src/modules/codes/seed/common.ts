// Code tables shared by personal and corporate customers and by other modules.
import type { CodeTableSeed } from './types.ts';
import { flatTable } from './build.ts';

export function commonTables(): CodeTableSeed[] {
  return [
    // CIF-4: several typed addresses per customer. Home/mailing/work come from CIF-13 (seed 001 §3.1.4), registered
    // from CIF-21; business and other complete the list. The seed gives no codes; these are ours.
    flatTable('address_type', '地址类型', 'Address type', 'CIF-4, CIF-13, CIF-21; codes assigned here', [
      ['1', '家庭地址', 'Home address'],
      ['2', '通讯地址', 'Mailing address'],
      ['3', '单位地址', 'Work address'],
      ['4', '注册地址', 'Registered address'],
      ['5', '经营地址', 'Business address'],
      ['9', '其他地址', 'Other address'],
    ]),
    // ORG-3, seed 000 第八条: 一般部门（公银条线综合类的管理和营销部门）、中小客户部门、产品部门、非公银条线部门
    // (公银 = 公司银行, corporate banking). Names as in the seed.
    flatTable('institution_category', '机构职能类别', 'Institution functional category', 'ORG-3 (seed 000 ch.3 art.8); codes are the values institution.category stores', [
      ['corporate', '一般部门', 'General corporate banking department (management and marketing)'],
      ['sme', '中小客户部门', 'SME department'],
      ['product', '产品部门', 'Product department'],
      ['non_corporate', '非公银条线部门', 'Non-corporate-banking department'],
    ]),
  ];
}
