// 单证传递与档案管理的文字。
export const documentsZh = {
  documents: {
    flowsTitle: '单证传递流程', todosTitle: '资料接收与信息录入', newFlow: '新建流程', editFlow: '修改流程 {{flowNo}}',
    flowNo: '流程编号', flowNoHint: '系统自动生成：年份(4)+分行号(2)+顺序号(4)', status: '状态', accountNo: '账号', accountName: '户名', lookup: '查询户名',
    accountNoRequired: '请输入账号', lookupFirst: '请先输入账号并查询户名',
    institution: '发起机构', centre: '处理中心', createdBy: '经办人', createdAt: '新建时间', submittedAt: '提交时间', receivedAt: '接收时间', completedAt: '完成时间',
    certKind: '证件种类/名称', certNo: '证件号码', pages: '页数', copies: '份数', addCertificate: '添加证件', removeRow: '删除',
    totals: '合计：{{copies}} 份，{{pages}} 页', totalCopies: '总份数', totalPages: '总页数（页数×份数）',
    side: { all: '全部', sent: '本机构发出', centre: '本中心接收' },
    statusLabel: {
      draft: '草稿', submitted: '已提交', received: '已接收', in_review: '复核中', completed: '已完成', cancelled: '已作废',
    },
    save: '保存草稿', saved: '已保存流程 {{flowNo}}', submit: '提交', submitConfirm: '是否确认提交？提交后处理中心将收到资料接收待办。', submitted: '已提交，处理中心已收到待办',
    cancel: '作废', cancelConfirm: '作废该草稿？流程编号不再使用。', cancelled: '已作废',
    accept: '接收资料', acceptConfirm: '确认已收到清单所列纸质资料？', accepted: '已接收，已生成信息录入待办',
    enter: '信息录入完毕', enterConfirm: '是否确认信息录入完毕？确认后进入复核。', entered: '已提交复核',
    review: '复核', openReview: '查看复核申请', position: '存放位置', items: '证件清单', detail: '流程详情',
    receipts: '资料接收', entries: '信息录入', noTodos: '没有待办事宜', todo: '待办事宜', dueOn: '期限', open: '打开',
  },
  archive: {
    cabinetsTitle: '档案柜', positionsTitle: '档案存放位', loansTitle: '档案调阅登记',
    code: '柜号', name: '名称', institution: '所属机构', cellCount: '格数', copiesPerCell: '每格存放份数', capacity: '容量', used: '已用', free: '剩余',
    newCabinet: '新增档案柜', created: '已新增档案柜', codeHint: '1–10 位字母、数字或连字符', required: '必填',
    file: '归档', fileTitle: '归档到 {{code}}：按 客户号→社别→账号 顺序自动编号', filed: '已归档 {{count}} 份', nothingToFile: '没有待归档的流程', pickFlows: '请选择要归档的流程',
    customerNo: '客户号', positionNo: '存放位编号', cabinet: '档案柜', cell: '格', slot: '位', filedAt: '归档时间', flowNo: '流程编号', accountNo: '账号', accountName: '户名',
    inStock: '在柜', out: '已调出：{{borrower}}，{{dueOn}} 前归还',
    checkOut: '调出', checkOutTitle: '调出档案 {{positionNo}}', borrower: '借阅人', purpose: '用途', workingDays: '借阅期限（工作日）', checkedOut: '已调出，应于 {{dueOn}} 归还',
    checkIn: '归还', checkInConfirm: '确认档案已归还入柜？', checkedIn: '已登记归还', checkedInLate: '已登记归还（逾期归还）',
    checkedOutOn: '调出日期', dueOnCol: '应还日期', returnedOn: '归还日期', lentBy: '经办人', overdueTag: '逾期', asOf: '统计日',
    state: { open: '未归还', overdue: '逾期未还', returned: '已归还', all: '全部' },
  },
};
