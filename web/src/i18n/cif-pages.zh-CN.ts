// 客户信息相关的列表页面（黑名单、疑似重复客户、行业属性批量维护、待办事宜）的文字。
export const cifPagesZh = {
  blacklistPage: {
    title: '黑名单', search: '客户号 / 名称 / 完整证件号或信用代码', allLists: '全部名单',
    listedFrom: '列入日期起', listedTo: '列入日期止',
  },
  duplicates: {
    title: '疑似重复客户', allReasons: '全部原因', reasonLabel: '疑似原因',
    reason: { name_birth: '同名同出生日期', mobile: '同手机号码' },
    intro: '开户时系统发现的疑似同一客户，仅显示两条记录都在您数据权限内的提示。',
    customer: '客户', other: '疑似重复客户', flaggedAt: '发现时间', born: '出生', birthDate: '出生日期', createdAt: '建档时间', blacklisted: '黑名单', none: '没有待处理的疑似重复客户',
    merge: '合并', dismiss: '不是同一客户',
    mergeTitle: '合并客户', survivor: '保留的客户（其客户号、资料和主办客户经理保留）',
    mergeWarning: '被合并客户的证件、地址、企业证件、黑名单、风险测评、客户经理和待办事宜转移到保留客户，其客户号停用且不再使用。合并不可撤销。',
    mergeSubmitted: '合并申请已提交审批（申请编号 {{requestId}}），审批通过前两个客户保持不变', underReview: '合并审批中',
    mergeReviewHint: '按客户信息复核设置，合并须经信息复核岗、机构负责人审批后才执行。',
    merged: '已合并到客户 {{customerNo}}', dismissTitle: '确认不是同一客户', dismissed: '已标记为不同客户',
  },
  industryImport: {
    title: '行业属性批量维护',
    intro: '按模板填写客户号、行业分类（四位小类代码）、工业区、专业市场分类；先“预览”核对每位客户的现值和新值，再“提交”。只要有一行有错，整个文件都不会生效。',
    choose: '选择文件（.xlsx / .csv / .txt）', preview: '预览（草稿）', submit: '提交',
    previewed: '预览：共 {{count}} 行，其中 {{changed}} 位客户的行业属性将变更；核对无误后请提交',
    truncated: '此处列出前 {{shown}} 行', submitted: '已提交：共 {{count}} 行，{{changed}} 位客户的行业属性已更新',
    industry: '行业分类', zone: '工业区', market: '专业市场分类', changed: '变更', same: '无变化',
  },
  todos: {
    title: '待办事宜', open: '待办', overdue: '已逾期', dueToday: '今日到期', statusOpen: '待办', statusDone: '已办结',
    titleCol: '事项', dueOn: '到期日', createdAt: '产生时间', doneAt: '办结时间', doneBy: '办结人', overdueTag: '逾期',
    markDone: '办结', doneConfirm: '确认该事项已处理完毕？', done: '已办结', none: '没有待办事宜', all: '全部待办',
  },
};
