// Corporate-customer code tables (CIF-20, CIF-21, CIF-25), from seed 001 §3.2 and §3.2.1.
import type { CodeItemSeed, CodeTableSeed } from './types.ts';
import { flatTable } from './build.ts';
import { ORGANISATION_NATURE } from './cif-personal.ts';

type Group = {
  code: string;
  nameZh: string;
  nameEn: string;
  items: ReadonlyArray<readonly [code: string, nameZh: string, nameEn: string]>;
};

// 登记注册类型, seed 001 §3.2.1, complete. The seed groups the codes by tens; those groups become level-1 items
// with a "G" prefix (G00, G10 … G100, G199) so that they can never collide with a registration code. Only the
// level-2 items are values a customer record may carry.
// Cleaned from the PDF extraction: 04 "韦限责任公司" → 有限责任公司; 84 "外商投资企'1-…" → 外商投资企业-…;
// 104 "社会团队非法人" → 社会团体非法人. Kept as in the seed although odd: 24 "非公司企业法人联营-其他" (联营 and
// 其他 folded into one code, unlike 34/35) and 63 个体户(台湾农民) (a real SAIC category for Taiwanese farmers).
const REGISTRATION_GROUPS: readonly Group[] = [
  {
    code: 'G00', nameZh: '有限责任公司', nameEn: 'Limited liability companies',
    items: [
      ['00', '有限责任公司(国有独资)', 'Limited liability company (wholly state-owned)'],
      ['01', '有限责任公司', 'Limited liability company'],
      ['02', '有限责任公司(外商投资企业投资)', 'Limited liability company (invested by a foreign-invested enterprise)'],
      ['03', '有限责任公司(私营)', 'Limited liability company (private)'],
      ['04', '有限责任公司(外商投资企业投资、私营)', 'Limited liability company (invested by a foreign-invested enterprise, private)'],
      ['05', '有限责任公司(自然人独资)', 'Limited liability company (wholly owned by a natural person)'],
      ['06', '有限责任公司(法人独资)', 'Limited liability company (wholly owned by a legal person)'],
      ['07', '有限责任公司(法人独资、私营)', 'Limited liability company (wholly owned by a legal person, private)'],
      ['08', '有限责任公司(其他)', 'Limited liability company (other)'],
      ['09', '有限责任公司分公司', 'Branch of a limited liability company'],
    ],
  },
  {
    code: 'G10', nameZh: '股份有限公司', nameEn: 'Joint-stock companies',
    items: [
      ['10', '股份有限公司(上市)', 'Joint-stock company (listed)'],
      ['11', '股份有限公司', 'Joint-stock company'],
      ['12', '股份有限公司(上市、私营)', 'Joint-stock company (listed, private)'],
      ['13', '股份有限公司(私营)', 'Joint-stock company (private)'],
      ['14', '股份有限公司(其他)', 'Joint-stock company (other)'],
      ['15', '股份有限公司分公司', 'Branch of a joint-stock company'],
    ],
  },
  {
    code: 'G20', nameZh: '非公司企业法人', nameEn: 'Non-company enterprise legal persons',
    items: [
      ['20', '非公司企业法人-全民所有制企业', 'Non-company enterprise legal person: state-owned enterprise'],
      ['21', '非公司企业法人-集体所有制企业', 'Non-company enterprise legal person: collectively owned enterprise'],
      ['22', '非公司企业法人-股份制企业', 'Non-company enterprise legal person: shareholding enterprise'],
      ['23', '非公司企业法人-股份合作制企业', 'Non-company enterprise legal person: joint-stock cooperative enterprise'],
      ['24', '非公司企业法人-联营及其他', 'Non-company enterprise legal person: joint venture or other'],
    ],
  },
  {
    code: 'G30', nameZh: '营业单位', nameEn: 'Business units',
    items: [
      ['30', '营业单位-全民所有制企业', 'Business unit: state-owned enterprise'],
      ['31', '营业单位-集体所有制企业', 'Business unit: collectively owned enterprise'],
      ['32', '营业单位-股份制企业', 'Business unit: shareholding enterprise'],
      ['33', '营业单位-股份合作制企业', 'Business unit: joint-stock cooperative enterprise'],
      ['34', '营业单位-联营', 'Business unit: joint venture'],
      ['35', '营业单位-其他', 'Business unit: other'],
    ],
  },
  {
    code: 'G40', nameZh: '合伙企业', nameEn: 'Partnerships',
    items: [
      ['40', '合伙企业', 'Partnership'],
      ['41', '合伙企业分支机构', 'Branch of a partnership'],
    ],
  },
  {
    code: 'G50', nameZh: '个人独资企业', nameEn: 'Sole proprietorships',
    items: [
      ['50', '个人独资企业', 'Sole proprietorship'],
      ['51', '个人独资企业分支机构', 'Branch of a sole proprietorship'],
    ],
  },
  {
    code: 'G60', nameZh: '个体户', nameEn: 'Individual businesses',
    items: [
      ['60', '个体户(内地居民)', 'Individual business (mainland resident)'],
      ['61', '个体户(香港居民)', 'Individual business (Hong Kong resident)'],
      ['62', '个体户(澳门居民)', 'Individual business (Macao resident)'],
      ['63', '个体户(台湾农民)', 'Individual business (Taiwan farmer)'],
      ['64', '个体户(其他)', 'Individual business (other)'],
      ['65', '个体户(临时)', 'Individual business (temporary)'],
    ],
  },
  {
    code: 'G70', nameZh: '农民专业合作社', nameEn: "Farmers' specialised cooperatives",
    items: [
      ['70', '农民专业合作社', "Farmers' specialised cooperative"],
      ['71', '合作社分支机构', 'Branch of a cooperative'],
    ],
  },
  {
    code: 'G80', nameZh: '外商投资企业', nameEn: 'Foreign-invested enterprises',
    items: [
      ['80', '外商投资企业-中外合资经营企业', 'Foreign-invested: Sino-foreign equity joint venture'],
      ['81', '外商投资企业-中外合作经营企业', 'Foreign-invested: Sino-foreign contractual joint venture'],
      ['82', '外商投资企业-外商独资经营企业', 'Foreign-invested: wholly foreign-owned enterprise'],
      ['83', '外商投资企业-外商投资股份有限公司', 'Foreign-invested: foreign-invested joint-stock company'],
      ['84', '外商投资企业-外商投资企业办事机构', 'Foreign-invested: office of a foreign-invested enterprise'],
      ['85', '外商投资企业-外商投资企业分支机构', 'Foreign-invested: branch of a foreign-invested enterprise'],
    ],
  },
  {
    code: 'G90', nameZh: '台、港、澳投资企业', nameEn: 'Taiwan, Hong Kong and Macao-invested enterprises',
    items: [
      ['90', '台、港、澳投资企业-合资经营企业(台、港、澳资)', 'Taiwan/Hong Kong/Macao-invested: equity joint venture'],
      ['91', '台、港、澳投资企业-合作经营企业(台、港、澳资)', 'Taiwan/Hong Kong/Macao-invested: contractual joint venture'],
      ['92', '台、港、澳投资企业-独资经营企业(台、港、澳资)', 'Taiwan/Hong Kong/Macao-invested: wholly owned enterprise'],
    ],
  },
  {
    code: 'G100', nameZh: '事业单位和社会团体', nameEn: 'Public institutions and social organisations',
    items: [
      ['101', '事业单位法人', 'Public institution legal person'],
      ['102', '事业单位非法人', 'Public institution without legal-person status'],
      ['103', '社会团体法人', 'Social organisation legal person'],
      ['104', '社会团体非法人', 'Social organisation without legal-person status'],
    ],
  },
  {
    code: 'G199', nameZh: '其他', nameEn: 'Other',
    items: [['199', '其他', 'Other']],
  },
];

function registrationTypeTable(): CodeTableSeed {
  const items: CodeItemSeed[] = [];
  for (const group of REGISTRATION_GROUPS) {
    items.push({ code: group.code, nameZh: group.nameZh, nameEn: group.nameEn, level: 1 });
    for (const [code, nameZh, nameEn] of group.items) {
      items.push({ code, nameZh, nameEn, parentCode: group.code, level: 2 });
    }
  }
  return {
    code: 'registration_type',
    nameZh: '企业登记注册类型',
    nameEn: 'Enterprise registration type',
    source: 'CIF-21 (seed 001 §3.2.1)',
    hierarchical: true,
    items,
  };
}

export function corporateTables(): CodeTableSeed[] {
  return [
    registrationTypeTable(),
    flatTable('enterprise_nature', '企业性质', 'Enterprise nature', 'CIF-21 (seed 001 §3.2.1); same list as CIF-11', ORGANISATION_NATURE),
    // Certificate kinds of CIF-20 (seed 001 §3.2) plus CIF-25's unified social credit code. The seed gives no codes;
    // these two-digit codes are ours and must stay stable once data exists.
    flatTable('corporate_certificate_type', '企业证件类型', 'Corporate certificate type', 'CIF-20, CIF-25 (seed 001 §3.2); codes assigned here', [
      ['01', '营业执照', 'Business licence'],
      ['02', '组织机构代码证', 'Organisation code certificate'],
      ['03', '国税登记证', 'National tax registration certificate'],
      ['04', '地税登记证', 'Local tax registration certificate'],
      ['05', '法定代表人身份证件', "Legal representative's identity document"],
      ['06', '基本存款账户开户许可证', 'Basic deposit account opening permit'],
      ['07', '临时存款账户开户许可证', 'Temporary deposit account opening permit'],
      ['08', '统一社会信用代码证', 'Unified social credit code certificate'],
      ['99', '其他证件', 'Other certificate'],
    ]),
  ];
}
