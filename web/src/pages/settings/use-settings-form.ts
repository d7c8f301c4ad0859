// The settings screens' one way to load and save: the current values into the form, and a save
// that asks for confirmation (a setting applies bank-wide and is audited), reports the server's
// field errors on their fields, and puts the saved (normalised) values back in the cache and form.
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';

export function useSettingsForm<T extends object>(o: {
  queryKey: QueryKey; fetch: (signal?: AbortSignal) => Promise<T>; save: (v: T) => Promise<T>;
  /** The confirmation's title and text, translated. */
  confirmTitle: string; confirm: string; onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const query = useQuery({ queryKey: o.queryKey, queryFn: ({ signal }) => o.fetch(signal) });

  useEffect(() => { if (query.data) form.setFieldsValue(query.data as Parameters<typeof form.setFieldsValue>[0]); }, [query.data, form]);

  const submit = (v: T) => modal.confirm({
    title: o.confirmTitle, content: o.confirm, okText: t('common.save'),
    onOk: async () => {
      setBusy(true);
      try {
        const saved = await o.save(v);
        queryClient.setQueryData(o.queryKey, saved);
        form.setFieldsValue(saved as Parameters<typeof form.setFieldsValue>[0]);
        o.onSaved?.();
        message.success(t('common.saved'));
      } catch (e) { report(e, form); } finally { setBusy(false); }
    },
  });
  const revert = () => { if (query.data) form.setFieldsValue(query.data as Parameters<typeof form.setFieldsValue>[0]); };
  return { form, query, busy, submit, revert };
}
