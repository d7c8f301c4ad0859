// Personal-customer code tables (CIF-10 … CIF-13), from seed 001 §3.1.1–3.1.4.
// Where the seed only names a national standard (GB/T 2261.1, GB/T 2261.2) the standard's full list is used.
import type { CodeTableSeed } from './types.ts';
import { flatTable } from './build.ts';

const SEED_311 = 'seed 001 §3.1.1';

/** Nature of an organisation: employer nature (CIF-11) and enterprise nature (CIF-21) share this list. */
export const ORGANISATION_NATURE = [
  ['01', '企业法人', 'Enterprise legal person'],
  ['02', '企业非法人', 'Enterprise without legal-person status'],
  ['03', '个体工商户', 'Individual business'],
  ['04', '行政事业单位', 'Administrative or public institution'],
  ['05', '国家机关', 'State organ'],
  ['06', '社会团体', 'Social organisation'],
  ['07', '军队', 'Military'],
] as const;

export function personalTables(): CodeTableSeed[] {
  return [
    flatTable('gender', '性别', 'Gender', `GB/T 2261.1-2003; CIF-10 (${SEED_311})`, [
      ['0', '未知的性别', 'Unknown'],
      ['1', '男性', 'Male'],
      ['2', '女性', 'Female'],
      ['9', '未说明的性别', 'Unspecified'],
    ]),
    {
      // GB/T 2261.2 makes 21 初婚 / 22 再婚 / 23 复婚 subdivisions of 20 已婚; the seed itself lists only 10, 20, 90.
      code: 'marital_status',
      nameZh: '婚姻状况',
      nameEn: 'Marital status',
      source: `GB/T 2261.2-2003; CIF-10 (${SEED_311})`,
      hierarchical: true,
      items: [
        { code: '10', nameZh: '未婚', nameEn: 'Unmarried', level: 1 },
        { code: '20', nameZh: '已婚', nameEn: 'Married', level: 1 },
        { code: '21', nameZh: '初婚', nameEn: 'First marriage', parentCode: '20', level: 2 },
        { code: '22', nameZh: '再婚', nameEn: 'Remarried', parentCode: '20', level: 2 },
        { code: '23', nameZh: '复婚', nameEn: 'Remarried to former spouse', parentCode: '20', level: 2 },
        { code: '30', nameZh: '丧偶', nameEn: 'Widowed', level: 1 },
        { code: '40', nameZh: '离婚', nameEn: 'Divorced', level: 1 },
        { code: '90', nameZh: '未说明的婚姻状况', nameEn: 'Unspecified', level: 1 },
      ],
    },
    // Personal identity-document types. The seed's own (bank-specific) coding, not the credit-reference 0–9/X one.
    // Names are the documents' official names; the seed's colloquial ones are 台胞身份证 (17), 香港回乡证 (18),
    // 澳门回乡证 (19), 台湾同胞来往内地通行证 (20).
    flatTable('id_type', '个人证件类型', 'Personal identity document type', `CIF-10 (${SEED_311})`, [
      ['10', '居民身份证', 'Resident identity card'],
      ['11', '户口簿', 'Household register'],
      ['12', '护照', 'Passport'],
      ['13', '军官证', 'Military officer card'],
      ['14', '士兵证', 'Soldier card'],
      ['15', '香港居民身份证', 'Hong Kong identity card'],
      ['16', '澳门居民身份证', 'Macao identity card'],
      ['17', '台湾居民身份证', 'Taiwan identity card'],
      ['18', '香港居民来往内地通行证', 'Mainland travel permit for Hong Kong residents (home-return permit)'],
      ['19', '澳门居民来往内地通行证', 'Mainland travel permit for Macao residents (home-return permit)'],
      ['20', '台湾居民来往大陆通行证', 'Mainland travel permit for Taiwan residents'],
      ['21', '临时居民身份证', 'Temporary resident identity card'],
      ['22', '外国人居留证', 'Foreigner residence permit'],
      ['23', '警官证', 'Police officer card'],
      ['99', '其他证件', 'Other document'],
    ]),
    flatTable('education', '最高学历', 'Highest education', `CIF-10 (${SEED_311})`, [
      ['10', '研究生', 'Postgraduate'],
      ['20', '大学本科', 'Undergraduate (bachelor level)'],
      ['30', '大学专科', 'Junior college'],
      ['40', '中等专业学校', 'Secondary specialised school'],
      ['50', '技术学校', 'Technical school'],
      ['60', '高中', 'Senior high school'],
      ['70', '初中', 'Junior high school'],
      ['80', '小学', 'Primary school'],
      ['90', '文盲或半文盲', 'Illiterate or semi-literate'],
      ['99', '未知', 'Unknown'],
    ]),
    flatTable('degree', '最高学位', 'Highest degree', `CIF-10 (${SEED_311})`, [
      ['0', '其他', 'Other'],
      ['1', '名誉博士', 'Honorary doctorate'],
      ['2', '博士', 'Doctorate'],
      ['3', '硕士', "Master's degree"],
      ['4', '学士', "Bachelor's degree"],
      ['9', '未知', 'Unknown'],
    ]),
    // 50: the seed says 投资型 ("investment type"), which does not fit a risk scale; REQUIREMENTS reads it as
    // speculative. The seed's wording is kept in nameZh until the bank confirms.
    flatTable('investor_type', '投资者类型', 'Investor type', `CIF-10 (${SEED_311})`, [
      ['10', '谨慎型', 'Cautious'],
      ['20', '稳健型', 'Steady'],
      ['30', '平衡型', 'Balanced'],
      ['40', '进取型', 'Aggressive'],
      ['50', '投资型', 'Speculative'],
    ]),
    // The seed codes its yes/no flags (shareholder, employee, blacklist) inverted: 0 = yes, 1 = no.
    // Kept as a table so core-banking feeds in that convention can be mapped; it is not a boolean.
    flatTable('yes_no_flag', '是否标志', 'Yes/no flag (source convention)', `CIF-10 (${SEED_311})`, [
      ['0', '是', 'Yes'],
      ['1', '否', 'No'],
    ]),
    flatTable('employer_nature', '单位性质', 'Employer nature', 'CIF-11 (seed 001 §3.1.2)', ORGANISATION_NATURE),
    flatTable('professional_title', '职称', 'Professional title', 'CIF-11 (seed 001 §3.1.2)', [
      ['0', '无', 'None'],
      ['1', '高级', 'Senior'],
      ['2', '中级', 'Intermediate'],
      ['3', '初级', 'Junior'],
      ['9', '未知', 'Unknown'],
    ]),
    flatTable('residence_status', '居住状况', 'Residence status', 'CIF-12 (seed 001 §3.1.3)', [
      ['1', '自置', 'Owned'],
      ['2', '按揭', 'Mortgaged'],
      ['3', '亲属楼宇', "Relative's property"],
      ['4', '集体宿舍', 'Collective dormitory'],
      ['5', '租房', 'Rented'],
      ['6', '共有住宅', 'Co-owned residence'],
      ['7', '其他', 'Other'],
      ['9', '未知', 'Unknown'],
    ]),
    // 4 is 小灵通 (PHS) in the seed; the service is gone, the code is kept as "other phone".
    flatTable('contact_method', '最佳联系方式', 'Preferred contact method', 'CIF-13 (seed 001 §3.1.4)', [
      ['1', '家庭电话', 'Home phone'],
      ['2', '单位电话', 'Work phone'],
      ['3', '移动电话', 'Mobile phone'],
      ['4', '其他电话', 'Other phone'],
      ['5', '电子邮件', 'E-mail'],
      ['6', '书信', 'Letter'],
    ]),
    flatTable('contact_period', '最佳联系时段', 'Preferred contact period', 'CIF-13 (seed 001 §3.1.4)', [
      ['1', '上午', 'Morning'],
      ['2', '下午', 'Afternoon'],
      ['3', '晚上', 'Evening'],
    ]),
  ];
}
