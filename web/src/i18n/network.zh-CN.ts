// 关系网（REL-1…4）：客户关联关系、关系网图、担保圈与担保链。
export const networkZh = {
  tab: '关系网',
  hops: '层数', allRoles: '全部关系类型', asOfToday: '截至今天', noLinks: '该客户目前没有关联关系',
  graphLabel: '客户关系网图', exportPng: '导出图片', legendHint: '关系网图例：',
  legend: { center: '本客户', corporate: '对公客户', personal: '个人客户', related: '非本行客户关联方', masked: '无权查看的客户', blacklisted: '黑名单客户', warning: '有预警' },
  maskedNode: '无权查看', openAlerts: '{{count}} 条未处理预警',
  summarised: '关联方超过 {{limit}} 个，以下部分只计数不绘出：', summaryItem: '第 {{hop}} 层 {{role}} {{count}} 个',
  add: '新增关联关系', added: '关联关系已登记', findBy: '关联方查找方式', byCustomerNo: '按客户号', byDocument: '按名称和证件',
  partyCustomerNo: '关联方客户号', partyCategory: '关联方类别', partyName: '关联方名称', idType: '证件类型', idNumber: '证件号码',
  role: '关系方角色', sharePct: '持股比例', shareHint: '仅股东填写', amount: '担保金额', amountHint: '仅担保、抵押、质押填写',
  fromFeed: '核心系统', fromFeedHint: '核心系统担保合同，随每日数据下发新增、变更和结束', contractNo: '相关合同号', accountNo: '相关账号', startsOn: '开始日期', endsOn: '结束日期', remark: '备注', required: '请填写',
  partyCount: '关联方数：{{count}}', showEnded: '显示已结束的关系', seq: '序号', party: '关联方', actions: '操作',
  end: '结束', endConfirm: '结束这条关联关系？结束后不再出现在当前关系网中，历史保留。', endTitle: '结束关联关系', endReason: '结束原因', ended: '关联关系已结束',
  proximity: { tab: '黑名单关联客户', hops: '关联层数', hopsN: '{{n}} 层', customer: '客户', customerNo: '客户号', distance: '距离', listed: '关联的黑名单客户' },
  circles: {
    title: '担保圈与担保链', intro: '每个营业日按当日有效的担保、抵押、质押关系扫描全行担保网络：担保圈是彼此可沿担保关系互相到达的一组关联方（含互保、联保），担保链是三层及以上的担保传递。只列出含本人管辖客户的圈和链，管辖外的成员遮蔽显示。',
    scanDate: '扫描日期', noScan: '还没有担保圈扫描结果（每日 11:00 扫描）', minMembers: '最少成员数', exported: '已导出 {{name}}',
    circleNo: '圈号', memberCount: '成员数', members: '成员', loanBalance: '成员贷款余额', guaranteedAmount: '圈内担保金额', longestChain: '最长担保链', institutions: '涉及机构',
    mutual: '互保', cycles: '环数', drill: '查看关系图', chains: '担保链', chainLength: '担保层数', circleTab: '担保圈', detailTitle: '担保圈 {{no}}（{{date}}）',
    cycleList: '圈内担保环', export: '导出 Excel',
  },
};
