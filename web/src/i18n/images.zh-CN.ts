// 影像管理（CIF-44）与信息完整性（CIF-45）。
export const imagingZh = {
  tab: '影像',
  scope: '影像范围', wholeCustomer: '客户全部影像', account: '账户',
  certType: '证件类型', otherType: '其他影像', upload: '导入影像', reference: '登记外部影像',
  uploaded: '已登记，影像编号 {{no}}',
  rule: '支持 PDF、JPEG、PNG、TIFF，按文件内容识别类型；影像按导入时间自动编号，记录 SHA-256 摘要。每次查看或下载影像都记入审计日志。贷款合同、凭证影像在外部影像系统中，只登记编号和链接。',
  latest: '各类证件的最新影像', latestAccount: '本账户各类证件的最新影像', none: '暂无影像',
  preview: '查看', download: '下载', openExternal: '打开外部影像', noPreview: 'TIFF 影像不能在浏览器中预览，请下载查看',
  imageNo: '影像编号', name: '文件名', size: '大小', importedAt: '导入时间', importedBy: '导入人',
  externalSystem: '外部影像系统', externalId: '外部影像编号', externalUrl: '链接', note: '备注',
};
export const completenessZh = {
  title: '信息完整性', notCheckable: '暂不能检查',
  tier: { credit: '信贷客户', ordinary: '普通客户', small: '柜面成长型小客户' },
  item: { basic: '基本信息', detail: '详细信息', financial: '财务信息', non_financial: '非财务信息', visits: '拜访记录', investments: '对外投资', correspondent: '他行开户信息', business_licence: '营业执照' },
  gap: { manager: '管户客户经理', information: '必填信息', scale: '规模属性' },
  dueBy: '开户日 {{opened}}，须在 {{date}}（三个工作日）前补齐：', overdueSince: '开户日 {{opened}}，期限 {{date}} 已过，仍缺：',
  overdueTitle: '信息完整性逾期客户', export: '导出',
  overdueRule: '近 90 天开户的新客户，开户后三个工作日（按工作日历）仍未指定管户客户经理、未补齐本层级必填信息或未确定规模属性的，列为逾期；每天早晨同时生成待办事宜。',
  customerNo: '客户号', name: '客户名称', institution: '所属机构', tierLabel: '层级', percent: '完整度', openedOn: '开户日期', deadline: '完成期限', owing: '欠缺', missingItems: '缺少的信息',
};
