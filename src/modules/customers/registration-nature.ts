// CIF-21: the enterprise nature must agree with the registration type ("是否与上一项目相关联作判定
// 是否输错内容?" in seed 001 §3.2.1). Enterprise nature codes: 01 enterprise legal person,
// 02 enterprise non-legal person, 03 individual business, 04 public institution, 05 state organ,
// 06 social organisation, 07 military. Branches, partnerships, sole proprietorships, business
// units and representative offices are not legal persons.
const RULES: [RegExp, string[]][] = [
  [/^(09|15|41|51|71|84|85)$/, ['02']],          // branches and offices
  [/^(0[0-8]|1[0-4]|2[0-4]|70|8[0-3]|9[0-2])$/, ['01']], // companies, non-company legal persons, co-ops, foreign/HMT-invested
  [/^3[0-5]$/, ['02']],                           // 营业单位
  [/^(40|50)$/, ['02']],                          // partnerships, sole proprietorships
  [/^6[0-5]$/, ['03']],                           // 个体户
  [/^10[12]$/, ['04']],                           // public institutions
  [/^10[34]$/, ['06']],                           // social organisations
  [/^199$/, ['01', '02', '03', '04', '05', '06', '07']],
];

/** The enterprise natures a registration type allows; null when the type is unknown here. */
export function naturesFor(registrationType: string): string[] | null {
  return RULES.find(([re]) => re.test(registrationType))?.[1] ?? null;
}
