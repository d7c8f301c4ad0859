// Messages of the customer list and its saved filters.
import type { MessageBundle } from '../../../common/i18n/i18n.ts';

export const customerListMessages: MessageBundle = {
  'zh-CN': {
    'customers.list.cursor': '翻页位置无效，请从第一页重新查询',
    'entity.saved_filter': '已保存的查询条件',
    'customers.saved_filter.name_taken': '已有名为“{{name}}”的查询条件，请换一个名称',
    'customers.saved_filter.too_many': '最多保存 {{max}} 个查询条件，请先删除不用的',
    'customers.saved_filter.people_only': '查询条件只能由用户本人保存，API 令牌不能保存',
  },
  'en-US': {
    'customers.list.cursor': 'The page position is not valid; start again from the first page',
    'entity.saved_filter': 'saved filter',
    'customers.saved_filter.name_taken': 'A filter named "{{name}}" already exists; choose another name',
    'customers.saved_filter.too_many': 'At most {{max}} filters can be saved; delete one you no longer use',
    'customers.saved_filter.people_only': 'Filters are saved by users themselves; an API token cannot save one',
  },
};
