// Notifications (PLAT-4): the bell, my notifications and channel preferences, the delivery log.
export const notificationsZh = {
  bell: '通知',
  title: '我的通知',
  unread: '未读',
  all: '全部',
  onlyUnread: '只看未读',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  none: '暂无通知',
  seeAll: '查看全部通知',
  open: '查看',
  createdAt: '时间',
  kind: '类型',
  text: '内容',
  preferences: {
    title: '通知方式',
    intro: '工作台通知始终送达；电子邮件和短信按下表设置。短信不含客户姓名和客户号。',
    kind: '事项', email: '电子邮件', sms: '短信', saved: '通知方式已保存',
  },
  deliveries: {
    title: '通知发送记录',
    intro: '每条电子邮件或短信的发送情况：失败的会按指数退避重试，超过次数后标为失败。',
    recipient: '接收人', kind: '通知类型', channel: '通道', address: '地址', status: '状态', attempts: '尝试次数', lastError: '最后错误',
    sentAt: '发送时间', nextAttemptAt: '下次尝试', createdAt: '产生时间',
    channels: { email: '电子邮件', sms: '短信' },
    statuses: { pending: '待发送', sent: '已发送', failed: '失败' },
  },
};
