// CIF-13: the mailing address defaults to the home address. It follows the home address as long
// as the clerk has not typed a different one (setFieldValue marks a field touched, so "touched"
// cannot tell; the value can).
import { Form } from 'antd';
import { useEffect, useRef } from 'react';

function useFollow(source: string, target: string) {
  const form = Form.useFormInstance();
  const value = Form.useWatch(source, form) as string | undefined;
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    const current = (form.getFieldValue(target) as string | undefined) ?? '';
    if (current === (last.current ?? '') && current !== (value ?? '')) form.setFieldValue(target, value);
    last.current = value;
  }, [value, form, target]);
}

export function MailingFollowsHome() {
  useFollow('homeAddress', 'mailingAddress');
  useFollow('homePostcode', 'mailingPostcode');
  return null;
}
