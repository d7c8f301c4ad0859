// "N working days from a date", computed by the server with the maintained calendar.
import { Alert, Button, Card, DatePicker, Form, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { addWorkingDays } from './api';
import styles from './calendar.module.css';

interface Values { from: Dayjs; days: number }

export function WorkingDaysCalculator() {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ from: string; days: number; date: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (v: Values) => {
    setBusy(true);
    setError(null);
    try { setResult(await addWorkingDays(v.from.format('YYYY-MM-DD'), v.days)); } catch (e) {
      setResult(null);
      setError(isApiError(e) ? [e.title, ...e.errors.map((x) => x.message)].join('；') : String(e));
    } finally { setBusy(false); }
  };

  return (
    <Card size="small" title={t('calendar.calculator')} data-testid="working-days-calculator">
      <Form<Values> layout="vertical" initialValues={{ from: dayjs(), days: 5 }} onFinish={run}>
        <Form.Item name="from" label={t('calendar.from')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="days" label={t('calendar.days')} extra={t('calendar.daysHint')} rules={[{ required: true }]}>
          <InputNumber min={-366} max={366} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>{t('calendar.calculate')}</Button>
        {result && (
          <Alert className={styles.result} type="success" showIcon data-testid="working-days-result"
            title={t('calendar.result', { from: result.from, days: result.days, date: result.date, weekday: dayjs(result.date).format('dddd') })} />
        )}
        {error && <Alert className={styles.result} type="error" showIcon title={error} />}
      </Form>
    </Card>
  );
}
