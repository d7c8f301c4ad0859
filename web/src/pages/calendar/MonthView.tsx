// Month view of the calendar: holidays in red (休), adjusted working days in blue (班).
import { Calendar, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDay } from './api';
import styles from './calendar.module.css';

interface Props { year: number; items: CalendarDay[]; onYearChange: (y: number) => void; onPick: (day: string) => void }

export function MonthView({ year, items, onYearChange, onPick }: Props) {
  const { t } = useTranslation();
  const [value, setValue] = useState<Dayjs>(() => (dayjs().year() === year ? dayjs() : dayjs(`${year}-01-01`)));
  const byDay = useMemo(() => new Map(items.map((i) => [i.day, i])), [items]);
  const shown = value.year() === year ? value : value.year(year);

  return (
    <Calendar value={shown} className={styles.calendar}
      onPanelChange={(d) => { setValue(d); if (d.year() !== year) onYearChange(d.year()); }}
      onSelect={(d, info) => { setValue(d); if (d.year() !== year) onYearChange(d.year()); if (info.source === 'date') onPick(d.format('YYYY-MM-DD')); }}
      fullCellRender={(d, info) => {
        if (info.type !== 'date') return info.originNode;
        const iso = d.format('YYYY-MM-DD');
        const hit = byDay.get(iso);
        const weekend = d.day() === 0 || d.day() === 6;
        const off = hit ? hit.kind === 'holiday' : weekend;
        const cls = [styles.cell, d.month() !== shown.month() ? styles.otherMonth : '', off ? styles.off : '', iso === dayjs().format('YYYY-MM-DD') ? styles.today : ''].join(' ');
        return (
          <Tooltip title={hit ? t('calendar.tooltip', { name: hit.name, kind: t(`calendar.kind.${hit.kind}`) }) : undefined}>
            <div className={cls}>
              <span className={styles.date}>{d.date()}</span>
              {hit && <span className={hit.kind === 'holiday' ? styles.holiday : styles.workday}>{t(`calendar.mark.${hit.kind}`)}</span>}
              {hit && <div className={styles.name}>{hit.name}</div>}
            </div>
          </Tooltip>
        );
      }} />
  );
}
