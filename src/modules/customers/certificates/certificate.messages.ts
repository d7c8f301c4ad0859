import type { MessageBundle } from '../../../common/i18n/i18n.ts';

export const certificateMessages: MessageBundle = {
  'zh-CN': {
    'entity.certificate': '证件',
    'certificates.corporate_only': '只有对公客户登记企业证件',
    'certificates.required': '请填写“{{fieldZh}}”',
    'certificates.authority_required': '请填写“{{fieldZh}}”（系统参数中未配置该证件的默认机关）',
    'certificates.number_format': '证件号码只能包含字母、数字和连字符',
    'certificates.account_format': '账号只能是数字，最长 30 位',
    'certificates.number_mismatch': '与客户资料中的代码 {{expected}} 不一致，请核对',
    'certificates.date_in_future': '日期不能晚于今天',
    'certificates.expiry_before_issue': '有效期须晚于发证日期',
    'certificates.licence_field_missing': '营业执照信息不完整：请先在客户资料中填写“{{fieldZh}}”',
    'certificates.legal_rep_missing': '客户资料中没有有效的法定代表人（个人客户），请先关联法定代表人',
    'certificates.identity_missing': '法定代表人的个人客户资料中没有第 {{seq}} 个证件',
    'certificates.not_current': '该证件已被替换或作废，不能再修改',
  },
  'en-US': {
    'entity.certificate': 'certificate',
    'certificates.corporate_only': 'Only corporate customers have company certificates',
    'certificates.required': '"{{fieldEn}}" is required',
    'certificates.authority_required': '"{{fieldEn}}" is required (no default authority is configured for this certificate)',
    'certificates.number_format': 'Certificate numbers contain only letters, digits and hyphens',
    'certificates.account_format': 'Account numbers are digits only, at most 30',
    'certificates.number_mismatch': 'Differs from the code {{expected}} on the customer record; please check',
    'certificates.date_in_future': 'The date cannot be later than today',
    'certificates.expiry_before_issue': 'The expiry date must be after the issue date',
    'certificates.licence_field_missing': 'The business licence data is incomplete: first fill in "{{fieldEn}}" on the customer record',
    'certificates.legal_rep_missing': 'The customer has no valid legal representative (a personal customer); link one first',
    'certificates.identity_missing': "The legal representative's record has no document number {{seq}}",
    'certificates.not_current': 'This certificate has been superseded or voided and can no longer be changed',
  },
};
