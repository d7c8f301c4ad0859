import type { MessageBundle } from '../../common/i18n/i18n.ts';

export const codeMessages: MessageBundle = {
  'zh-CN': {
    'codes.table.code_format': '代码表编号须为小写字母、数字或下划线，以字母开头',
    'codes.table.code_taken': '代码表 {{code}} 已存在',
    'codes.item.code_format': '代码须为 1–20 位字母、数字、点、下划线或连字符',
    'codes.item.code_taken': '代码 {{code}} 已存在',
    'codes.item.unknown': '代码表 {{table}} 中没有有效的代码 {{code}}',
    'codes.item.not_hierarchical': '该代码表不分层级，不能指定上级代码',
  },
  'en-US': {
    'codes.table.code_format': 'Table codes are lower-case letters, digits or underscores, starting with a letter',
    'codes.table.code_taken': 'Code table {{code}} already exists',
    'codes.item.code_format': 'Codes are 1–20 letters, digits, dots, underscores or hyphens',
    'codes.item.code_taken': 'Code {{code}} already exists',
    'codes.item.unknown': 'Code table {{table}} has no active code {{code}}',
    'codes.item.not_hierarchical': 'This code table has no hierarchy; a parent code is not allowed',
  },
};
