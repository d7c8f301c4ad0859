// 客户视图的账户页（ACC-2、ACC-3）：账户、贷款合同、日均余额与余额走势；按账号查客户。
export const accountsZh = {
  tab: '账户与余额',
  searchPlaceholder: '客户号 / 姓名 / 拼音首字母 / 证件号 / 统一社会信用代码 / 手机号 / 账号或卡号',
  accountsTitle: '账户',
  contractsTitle: '贷款合同',
  accountNo: '账号', product: '产品', kindLabel: '账户类型', currency: '币种', balance: '余额', balanceOn: '{{date}} 日终余额', rate: '利率（%）',
  openedOn: '开户日期', maturityOn: '到期日', status: '状态', actions: '操作',
  maskedHint: '账号已脱敏；拥有"查看敏感信息"权限的人员可见全号，查看记入审计日志',
  daysLeft: '剩 {{days}} 天', dueToday: '今日到期', overdue: '已到期 {{days}} 天',
  contractNo: '合同号', contractAmount: '合同金额', term: '期限', termMonths: '{{months}} 个月', guaranteeType: '担保方式',
  kind: { deposit_demand: '活期存款', deposit_time: '定期存款', loan: '贷款', wealth: '理财', card: '银行卡' },
  category: { deposit: '存款', loan: '贷款', wealth: '理财', card: '银行卡' },
  accountStatus: { active: '正常', dormant: '久悬', closed: '销户', frozen: '冻结' },
  guarantee: { credit: '信用', guarantee: '保证', mortgage: '抵押', pledge: '质押' },
  noAccounts: '该客户暂无账户',
  noContracts: '该客户暂无贷款合同',
  averages: {
    title: '日均余额', asOf: '截至 {{date}}', month: '月日均', quarter: '季日均', year: '年日均',
    partial: '期初数据不全', partialHint: '该期间始于本系统首次加载核心数据之前，且未加载期初积数：之前的日子按 0 计入，日均偏低。',
    none: '尚未加载余额数据，无日均可显示',
    rule: '按自然日计算：无余额记录的日子沿用上一日余额；开户前、销户后的日子不计。存款含活期与定期；不同类别、不同币种分别统计，不相加。',
  },
  trend: {
    title: '余额走势', range: '日期区间', maxDays: '最长 366 天；不选则显示最近加载日之前的 90 天（客户开户较晚的，从开户日起）',
    empty: '尚未加载余额数据', series: '{{category}}（{{currency}}）',
  },
};
