import type { MessageBundle } from '../../common/i18n/i18n.ts';

export const imageMessages: MessageBundle = {
  'zh-CN': {
    'entity.image': '影像',
    'images.no_file': '请选择要导入的影像文件（表单字段 file）',
    'images.empty': '影像文件是空的',
    'images.too_large': '影像文件超过 {{maxMb}} MB 的上限',
    'images.type_not_allowed': '只能导入 PDF、JPEG、PNG 或 TIFF 影像；按文件内容识别为 {{detected}}',
    'images.customer_inactive': '客户已注销或已合并，不能再导入影像',
    'images.account_not_of_customer': '该账户不属于此客户',
    'images.cert_type_format': '证件类型代码是 1–2 位字母或数字',
    'images.external_exists': '该外部影像已登记，影像编号 {{imageNo}}',
    'images.store_unconfigured': '影像存储未配置',
    'images.content_missing': '影像文件在存储中找不到，请联系系统管理员',
  },
  'en-US': {
    'entity.image': 'image',
    'images.no_file': 'Choose a scan to import (form field "file")',
    'images.empty': 'The scan is empty',
    'images.too_large': 'The scan is larger than the limit of {{maxMb}} MB',
    'images.type_not_allowed': 'Only PDF, JPEG, PNG or TIFF scans can be imported; the content was recognised as {{detected}}',
    'images.customer_inactive': 'The customer is deleted or merged; no more scans can be imported',
    'images.account_not_of_customer': 'The account does not belong to this customer',
    'images.cert_type_format': 'A certificate type code is 1–2 letters or digits',
    'images.external_exists': 'This external scan is already referenced as image {{imageNo}}',
    'images.store_unconfigured': 'No image store is configured',
    'images.content_missing': 'The scan is missing from the image store; ask the system administrator',
  },
};
