// One way to tell the user that a request failed: field errors on the form's fields, the rest as
// a message carrying the server's (already translated) title and remaining field messages.
import { useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { isApiError } from './client';
import { applyFieldErrors } from './form-errors';

const SILENT = new Set(['common.unauthenticated', 'auth.session.expired', 'auth.password.must_change']);

export function useReportError() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useCallback((err: unknown, form?: FormInstance, aliases?: Record<string, string>) => {
    if (!isApiError(err)) {
      message.error(String((err as Error)?.message ?? err));
      return;
    }
    if (SILENT.has(err.code)) return;
    // Someone else changed the record: show the fresh version so the user can redo the change.
    if (err.code === 'common.conflict') void queryClient.invalidateQueries();
    const rest = form ? applyFieldErrors(form, err, aliases) : err.errors;
    const extra = rest.map((e) => e.message).filter((m) => m && m !== err.title);
    message.error({ content: [err.title, ...extra].join('；'), duration: 6 });
  }, [message, queryClient]);
}
