// 客户经理：主办权移交（REL-22）的文字。
export const managersZh = {
  transfer: {
    action: '移交主办权',
    titleOne: '移交主办权：{{name}}',
    titleBook: '离职移交（整体移交主办客户）',
    pageTitle: '主办权移交',
    pageIntro: '客户经理离职或调岗时，把其主办的全部客户一次移交给另一位客户经理：系统按提交时的主办关系列出每一户，作为一笔申请审批。跨机构移交时先征询移出机构负责人意见，再由移入机构的客户转移审批生效岗审批、分行客户转移确认生效岗确认，于生效日起由新客户经理主办。',
    followUp: '在“审批 → 我的申请”中查看进度',
    hintOne: '提交后须经审批、确认方可生效；生效日前仍由现主办客户经理负责。',
    hintBook: '将移出客户经理当前主办、且在您管辖范围内的全部客户列入一笔申请。',
    from: '移出客户经理', fromDeparting: '离职/调岗的客户经理', to: '移入客户经理',
    effectiveOn: '生效日期', effectiveHint: '新客户经理自该日起主办；原主办关系至前一日止。',
    reason: '移交原因', required: '请填写此项', submit: '提交审批',
    searchManager: '输入姓名或用户名查找', departed: '已离岗', customerCount: '主办 {{count}} 户',
    submitted: '已提交移交申请（编号 {{id}}，{{count}} 户），待审批',
  },
  responsibility: {
    title: '维护责任表（存量客户 1 对 N 维护责任）',
    rules: '建议层级按{{basis}}：存款 ≥ {{hoDeposit}} 或贷款 ≥ {{hoLoan}} 为总行（联社）领导；存款 ≥ {{ohDeposit}} 或贷款 ≥ {{ohLoan}} 为营业单位负责人；有贷款或存款 ≥ {{cmDeposit}} 为客户经理；其余为综合柜员。门槛由总行在设置中调整。',
    basis: { balance: '存款余额', month_avg: '存款月日均', quarter_avg: '存款季日均', year_avg: '存款年日均' },
    level: { head_office: '总行（联社）领导', outlet_head: '营业单位负责人', customer_manager: '客户经理', teller: '综合柜员' },
    agreements: { match: '相符', below: '责任人层级偏低', above: '责任人层级偏高', unassigned: '未落实责任人' },
    customer: '客户名称', customerNo: '客户号', institution: '管户机构', deposits: '存款余额', loans: '贷款余额',
    proposed: '建议责任层级', manager: '维护责任人', actual: '责任人层级', agreement: '是否相符', customers: '客户数',
    export: '导出 Excel', total: '共 {{count}} 户',
  },
};
