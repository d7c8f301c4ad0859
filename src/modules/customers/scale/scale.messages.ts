import type { MessageBundle } from '../../../common/i18n/i18n.ts';

export const scaleMessages: MessageBundle = {
  'zh-CN': {
    'approvals.type.customer.scale': '客户规模属性调整',
    'customers.scale.corporate_only': '规模属性只适用于对公客户',
    'customers.scale.unchanged': '申请的规模属性与客户当前的规模属性相同',
    'customers.scale.metric_everywhere': '指标 {{metric}} 须在大、中、小型三档都设下限',
    'customers.scale.thresholds_order': '指标 {{metric}} 的下限须大型 ≥ 中型 ≥ 小型',
    'entity.sme_scale_rule': '规模划型标准',
  },
  'en-US': {
    'approvals.type.customer.scale': 'Scale-attribute change',
    'customers.scale.corporate_only': 'The scale attribute applies to corporate customers only',
    'customers.scale.unchanged': 'The scale applied for is the customer\'s current scale',
    'customers.scale.metric_everywhere': 'The metric {{metric}} needs a minimum for each of large, medium and small',
    'customers.scale.thresholds_order': 'The minima of {{metric}} must be large ≥ medium ≥ small',
    'entity.sme_scale_rule': 'scale classification rule',
  },
};
