// Mark a day as holiday (a weekday off) or adjusted working day (a weekend at work).
import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { DAY_KINDS, putDay, type CalendarDay, type DayKind } from './api';

interface Values { day: Dayjs; kind: DayKind; name: string }

const isWeekend = (d: Dayjs) => d.day() === 0 || d.day() === 6;

/** Suggests the only kind that changes anything for this date. */
function KindFollowsDay() {
  const form = Form.useFormInstance<Values>();
  const day = Form.useWatch('day', form);
  useEffect(() => {
    if (day && !form.isFieldTouched('kind')) form.setFieldValue('kind', isWeekend(day) ? 'workday' : 'holiday');
  }, [day, form]);
  return null;
}

export function DayFormModal({ day, existing, onClose, onDone }: { day?: string; existing?: CalendarDay; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const initial: Partial<Values> = existing
    ? { day: dayjs(existing.day), kind: existing.kind, name: existing.name }
    : day ? { day: dayjs(day), kind: isWeekend(dayjs(day)) ? 'workday' : 'holiday' } : { kind: 'holiday' };

  return (
    <FormModal<Values> open title={existing ? t('calendar.editTitle', { day: existing.day }) : t('calendar.add')} onCancel={onClose}
      initialValues={initial} testId="calendar-form"
      onSubmit={async (v) => { await putDay(v.day.format('YYYY-MM-DD'), { kind: v.kind, name: v.name.trim() }); onDone(); }}>
      <KindFollowsDay />
      <Form.Item name="day" label={t('calendar.day')} rules={[{ required: true, message: t('calendar.dayRequired') }]}>
        <DatePicker disabled={!!existing} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="kind" label={t('calendar.kind.label')} extra={t('calendar.kindHint')} rules={[{ required: true }]}>
        <Radio.Group options={DAY_KINDS.map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }]}>
        <Input maxLength={40} placeholder={t('calendar.namePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
