// The customer fields as data: one entry per field of CIF-10…13 (personal) and CIF-21…26
// (corporate) with its column, type, length, code table, screen section and sensitivity.
// The request schema, validation, field history, masking, Excel import/export and the screens
// all read this list, so a field is added in one place.
export type FieldType = 'text' | 'code' | 'date' | 'money' | 'int' | 'bool' | 'mobile' | 'phone' | 'postcode' | 'email' | 'hours';
export type Sensitivity = 'id' | 'phone' | 'address' | 'email' | 'account';

export interface FieldDef {
  key: string;            // API and Excel name (camelCase)
  column: string;         // column of personal_customer / corporate_customer
  type: FieldType;
  zh: string;
  en: string;
  section: 'basic' | 'work' | 'family' | 'contact' | 'licence' | 'industry';
  max?: number;           // characters for text
  multiline?: true;       // text typed in a text area: line breaks allowed (common/text.ts)
  min?: number;           // for int
  upper?: number;         // for int
  table?: string;         // code table for 'code'
  sensitive?: Sensitivity;
}

export const PERSONAL_FIELDS: readonly FieldDef[] = [
  { key: 'gender', column: 'gender', type: 'code', table: 'gender', zh: '性别', en: 'Gender', section: 'basic' },
  { key: 'birthDate', column: 'birth_date', type: 'date', zh: '出生日期', en: 'Date of birth', section: 'basic' },
  { key: 'maritalStatus', column: 'marital_status', type: 'code', table: 'marital_status', zh: '婚姻状况', en: 'Marital status', section: 'basic' },
  { key: 'nationality', column: 'nationality', type: 'code', table: 'country', zh: '国籍', en: 'Nationality', section: 'basic' },
  { key: 'householdDivision', column: 'household_division', type: 'code', table: 'division', zh: '户口所在地', en: 'Household registration', section: 'basic' },
  { key: 'householdAddress', column: 'household_address', type: 'text', max: 60, zh: '户籍地址', en: 'Household address', section: 'basic', sensitive: 'address' },
  { key: 'shareholder', column: 'shareholder', type: 'bool', zh: '本行股东', en: 'Shareholder of the bank', section: 'basic' },
  { key: 'employee', column: 'employee', type: 'bool', zh: '本行员工', en: 'Employee of the bank', section: 'basic' },
  { key: 'firstRelationOn', column: 'first_relation_on', type: 'date', zh: '建立关系最早日期', en: 'First relationship date', section: 'basic' },
  { key: 'firstCreditOn', column: 'first_credit_on', type: 'date', zh: '建立信贷关系最早日期', en: 'First credit relationship date', section: 'basic' },
  { key: 'education', column: 'education', type: 'code', table: 'education', zh: '最高学历', en: 'Highest education', section: 'basic' },
  { key: 'degree', column: 'degree', type: 'code', table: 'degree', zh: '最高学位', en: 'Highest degree', section: 'basic' },
  { key: 'investorType', column: 'investor_type', type: 'code', table: 'investor_type', zh: '投资者类型', en: 'Investor type', section: 'basic' },
  { key: 'investmentYears', column: 'investment_years', type: 'int', min: 0, upper: 99, zh: '投资经验（年）', en: 'Investment experience (years)', section: 'basic' },

  { key: 'occupation', column: 'occupation', type: 'code', table: 'occupation', zh: '职业', en: 'Occupation', section: 'work' },
  { key: 'employer', column: 'employer', type: 'text', max: 160, zh: '工作单位', en: 'Employer', section: 'work' },
  { key: 'employerNature', column: 'employer_nature', type: 'code', table: 'employer_nature', zh: '单位性质', en: 'Employer nature', section: 'work' },
  { key: 'employerIndustry', column: 'employer_industry', type: 'code', table: 'industry', zh: '单位所属行业', en: 'Employer industry', section: 'work' },
  { key: 'employerDivision', column: 'employer_division', type: 'code', table: 'division', zh: '单位所在地区', en: 'Employer region', section: 'work' },
  { key: 'employerAddress', column: 'employer_address', type: 'text', max: 60, zh: '单位地址', en: 'Employer address', section: 'work', sensitive: 'address' },
  { key: 'employerPostcode', column: 'employer_postcode', type: 'postcode', zh: '单位邮政编码', en: 'Employer postal code', section: 'work' },
  { key: 'employerPhone', column: 'employer_phone', type: 'phone', max: 35, zh: '单位电话', en: 'Employer phone', section: 'work', sensitive: 'phone' },
  { key: 'employerSinceYear', column: 'employer_since_year', type: 'int', min: 1900, upper: 2100, zh: '本单位工作起始年份', en: 'With employer since (year)', section: 'work' },
  { key: 'postYears', column: 'post_years', type: 'int', min: 0, upper: 80, zh: '现职年限', en: 'Years in current post', section: 'work' },
  { key: 'professionalTitle', column: 'professional_title', type: 'code', table: 'professional_title', zh: '职称', en: 'Professional title', section: 'work' },

  { key: 'monthlyIncome', column: 'monthly_income', type: 'money', zh: '个人月均收入（元）', en: 'Monthly income (CNY)', section: 'family' },
  { key: 'familyMonthlyIncome', column: 'family_monthly_income', type: 'money', zh: '家庭月收入总额（元）', en: 'Family monthly income (CNY)', section: 'family' },
  { key: 'familySize', column: 'family_size', type: 'int', min: 0, upper: 99, zh: '家庭人数', en: 'Family size', section: 'family' },
  { key: 'dependents', column: 'dependents', type: 'int', min: 0, upper: 99, zh: '供养人口', en: 'Dependents', section: 'family' },
  { key: 'monthlyFixedExpense', column: 'monthly_fixed_expense', type: 'money', zh: '每月家庭固定支出（元）', en: 'Monthly fixed family expense (CNY)', section: 'family' },
  { key: 'residenceStatus', column: 'residence_status', type: 'code', table: 'residence_status', zh: '居住状况', en: 'Residence', section: 'family' },
  { key: 'salaryBank', column: 'salary_bank', type: 'text', max: 40, zh: '工资账号开户银行', en: 'Salary account bank', section: 'family' },
  { key: 'salaryAccount', column: 'salary_account', type: 'text', max: 40, zh: '工资账号', en: 'Salary account number', section: 'family', sensitive: 'account' },

  { key: 'homeAddress', column: 'home_address', type: 'text', max: 80, zh: '家庭地址', en: 'Home address', section: 'contact', sensitive: 'address' },
  { key: 'homePostcode', column: 'home_postcode', type: 'postcode', zh: '家庭地址邮政编码', en: 'Home postal code', section: 'contact' },
  { key: 'homePhone', column: 'home_phone', type: 'phone', max: 35, zh: '家庭电话', en: 'Home phone', section: 'contact', sensitive: 'phone' },
  { key: 'mailingAddress', column: 'mailing_address', type: 'text', max: 80, zh: '通讯地址', en: 'Mailing address', section: 'contact', sensitive: 'address' },
  { key: 'mailingPostcode', column: 'mailing_postcode', type: 'postcode', zh: '通讯地址邮政编码', en: 'Mailing postal code', section: 'contact' },
  { key: 'mobile', column: 'mobile', type: 'mobile', zh: '手机号码', en: 'Mobile', section: 'contact', sensitive: 'phone' },
  { key: 'otherPhone', column: 'other_phone', type: 'phone', max: 35, zh: '其他电话', en: 'Other phone', section: 'contact', sensitive: 'phone' },
  { key: 'email', column: 'email', type: 'email', max: 100, zh: '电子邮件', en: 'E-mail', section: 'contact', sensitive: 'email' },
  { key: 'bestContactMethod', column: 'best_contact_method', type: 'code', table: 'contact_method', zh: '最佳联系方式', en: 'Best contact method', section: 'contact' },
  { key: 'bestContactPeriod', column: 'best_contact_period', type: 'code', table: 'contact_period', zh: '最佳联系时段', en: 'Best contact period', section: 'contact' },
  { key: 'bestContactHours', column: 'best_contact_hours', type: 'hours', zh: '最佳联系时间（hh-hh）', en: 'Best contact hours (hh-hh)', section: 'contact' },
  { key: 'contactNote', column: 'contact_note', type: 'text', max: 100, zh: '联系描述', en: 'Contact note', section: 'contact' },
];

export const CORPORATE_FIELDS: readonly FieldDef[] = [
  { key: 'creditCode', column: 'credit_code', type: 'text', max: 18, zh: '统一社会信用代码', en: 'Unified social credit code', section: 'licence' },
  { key: 'organizationCode', column: 'organization_code', type: 'text', max: 10, zh: '组织机构代码', en: 'Organisation code', section: 'licence' },
  { key: 'registrationType', column: 'registration_type', type: 'code', table: 'registration_type', zh: '企业登记注册类型', en: 'Registration type', section: 'licence' },
  { key: 'enterpriseNature', column: 'enterprise_nature', type: 'code', table: 'enterprise_nature', zh: '企业性质', en: 'Enterprise nature', section: 'licence' },
  { key: 'legalRepCustomerId', column: 'legal_rep_customer_id', type: 'int', min: 1, upper: Number.MAX_SAFE_INTEGER, zh: '法定代表人（个人客户）', en: 'Legal representative (personal customer)', section: 'licence' },
  { key: 'registeredAddress', column: 'registered_address', type: 'text', max: 100, zh: '注册地址', en: 'Registered address', section: 'licence' },
  { key: 'registeredCapitalCurrency', column: 'registered_capital_currency', type: 'code', table: 'currency', zh: '注册资本币种', en: 'Registered capital currency', section: 'licence' },
  { key: 'registeredCapital', column: 'registered_capital', type: 'money', zh: '注册资本', en: 'Registered capital', section: 'licence' },
  { key: 'paidInCapital', column: 'paid_in_capital', type: 'money', zh: '实收资本', en: 'Paid-in capital', section: 'licence' },
  { key: 'businessScope', column: 'business_scope', type: 'text', max: 500, multiline: true, zh: '经营范围', en: 'Business scope', section: 'licence' },
  { key: 'establishedOn', column: 'established_on', type: 'date', zh: '成立日期', en: 'Established on', section: 'licence' },
  { key: 'officePhone', column: 'office_phone', type: 'phone', max: 35, zh: '办公电话', en: 'Office phone', section: 'licence' },
  { key: 'officeAddress', column: 'office_address', type: 'text', max: 100, zh: '办公地址', en: 'Office address', section: 'licence' },
  { key: 'officePostcode', column: 'office_postcode', type: 'postcode', zh: '办公地址邮政编码', en: 'Office postal code', section: 'licence' },
  { key: 'email', column: 'email', type: 'email', max: 100, zh: '电子邮件', en: 'E-mail', section: 'licence' },
  { key: 'industryCode', column: 'industry_code', type: 'code', table: 'industry', zh: '行业分类', en: 'Industry', section: 'industry' },
  { key: 'industrialZone', column: 'industrial_zone', type: 'text', max: 100, zh: '工业区', en: 'Industrial zone', section: 'industry' },
  { key: 'specialisedMarket', column: 'specialised_market', type: 'text', max: 20, zh: '专业市场分类', en: 'Specialised market', section: 'industry' },
];

export const fieldsOf = (kind: 'personal' | 'corporate') => (kind === 'personal' ? PERSONAL_FIELDS : CORPORATE_FIELDS);
