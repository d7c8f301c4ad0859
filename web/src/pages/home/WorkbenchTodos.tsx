// 待办事宜 on the workbench: how many to-dos are open, overdue and due today, and the first few
// (overdue first, as the server orders them), each leading to the screen where the work is done.
// The whole list, with marking done, is on the to-dos page.
import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { orDash } from '../../lib/format';
import { fetchTodoCount, fetchTodos, todoLink } from '../todos/api';
import styles from './home.module.css';

const SHOWN = 5;

export function WorkbenchTodos() {
  const { t } = useTranslation();
  const count = useQuery({ queryKey: ['todos', 'count'], queryFn: ({ signal }) => fetchTodoCount(signal) });
  const list = useQuery({ queryKey: ['todos', 'open', { page: 1, pageSize: SHOWN }],
    queryFn: ({ signal }) => fetchTodos({ status: 'open', page: 1, pageSize: SHOWN }, signal) });
  return (
    <Card size="small" className={styles.block} title={t('todos.title')} data-testid="workbench-todos"
      extra={<Link to="/todos">{t('todos.all')}</Link>}>
      <Space size={48} style={{ marginBottom: 8 }}>
        <Statistic title={t('todos.open')} value={count.data?.open ?? 0} data-testid="workbench-todos-open" />
        <Statistic title={t('todos.overdue')} value={count.data?.overdue ?? 0} styles={{ content: { color: count.data?.overdue ? '#cf1322' : undefined } }} />
        <Statistic title={t('todos.dueToday')} value={count.data?.dueToday ?? 0} />
      </Space>
      <List size="small" loading={list.isLoading} dataSource={list.data?.items} locale={{ emptyText: list.error ? list.error.message : t('todos.none') }}
        renderItem={(x) => {
          const to = todoLink(x);
          return (
            <List.Item data-testid={`workbench-todo-${x.id}`}>
              <span>{to ? <Link to={to}>{x.title}</Link> : x.title}</span>
              <Typography.Text type="secondary">{t('todos.dueOn')} {orDash(x.dueOn)} {x.overdue && <Tag color="red">{t('todos.overdueTag')}</Tag>}</Typography.Text>
            </List.Item>
          );
        }} />
    </Card>
  );
}
