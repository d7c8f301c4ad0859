// 数据下发 (ACC-5): the core-banking daily feed's history, rejected rows and loading from the inbox.
export const feedsZh = {
  title: '数据下发记录',
  intro: '核心系统每个营业日下发一批文件，整日加载或整日拒绝；有任何一行被拒绝，当天不加载，修正文件后重新加载。',
  businessDate: '营业日期', trigger: '触发方式', startedBy: '操作人', startedAt: '开始时间', finishedAt: '结束时间',
  statusLabel: '状态', counts: '加载数量', notApplied: '已读取，未写入', rejectedTotal: '拒绝行数', error: '错误',
  triggers: { cli: '命令行', inbox: '收件目录（定时）', screen: '页面加载' },
  status: { loaded: '已加载', rejected: '已拒绝', failed: '失败', running: '加载中' },
  count: {
    customersOpened: '新开客户', customersUpdated: '更新客户', accountsOpened: '新开账户', accountsUpdated: '更新账户',
    balances: '余额', transactions: '交易',
  },
  scheduler: '定时任务',
  rejected: {
    title: '被拒绝的行', file: '文件', line: '行号', field: '字段', reason: '原因', csv: '下载 CSV',
    shown: '共 {{total}} 行被拒绝，以下列出前 {{shown}} 行',
  },
  load: {
    title: '从收件目录加载', date: '营业日期', button: '加载', hint: '加载收件目录中该日期的文件夹（YYYYMMDD）；同一日期重新加载将替换当天数据。',
    pickDate: '请选择营业日期', result: '{{date}} 的加载结果',
  },
};
