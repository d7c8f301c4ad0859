// 新建 / 编辑客户 (CIF-3, CIF-10…14, CIF-21…26): the sections of the field catalogue as tabs,
// identity documents for a person, the server's field errors on the exact field in the UI
// language (the tab holding the first one opens), the existence check's customer as a link.
// An edit sends the version and only the fields that changed.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, Form, Input, Result, Row, Select, Skeleton, Space, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useReportError } from '../../api/use-report-error';
import { InstitutionTreeSelect } from '../../components/InstitutionTreeSelect';
import { createCustomer, customerKey, fetchCustomer, revealField, updateCustomer, type CustomerView } from './api';
import { fieldsIn, sectionOfPath, SECTIONS, type CustomerKind, type Section } from './catalogue';
import { FieldInput } from './form/FieldInput';
import { IdentitiesField } from './form/IdentitiesField';
import { MailingFollowsHome } from './form/MailingFollowsHome';
import { changedBody, createBody, initialValues, type FormValues } from './form/values';
import { SCALES } from './labels';
import { useLang } from '../../i18n';
import { fieldLabel } from '../approvals/labels';
import { UnderReview } from '../approvals/UnderReview';

export default function CustomerFormPage() {
  const { t } = useTranslation();
  const params = useParams();
  const editId = params.id && /^\d+$/.test(params.id) ? Number(params.id) : null;
  const view = useQuery({ queryKey: customerKey(editId ?? 0), enabled: editId !== null, queryFn: ({ signal }) => fetchCustomer(editId!, signal) });
  if (editId !== null) {
    if (view.error) return <Result status="warning" title={view.error.message} />;
    if (!view.data) return <Card><Skeleton active /></Card>;
    return <CustomerForm key={`${view.data.id}-${view.data.version}`} kind={view.data.kind} view={view.data} />;
  }
  if (params.kind !== 'personal' && params.kind !== 'corporate') return <Result status="404" title={t('common.notFoundTitle')} />;
  return <CustomerForm key={params.kind} kind={params.kind} />;
}

interface Existing { title: string; customerNo: string | null; id?: number }

/**
 * The processing centre keying a document flow's customer (docs/documents.md): the same form, but
 * saving is "customer information entry complete" — confirmed, then the changed fields go to review
 * with the flow (`submit`), whatever the review settings say.
 */
export interface FlowEntry {
  title: string;
  submit: (patch: (Record<string, unknown> & { version: number }) | undefined) => Promise<{ requestId?: number }>;
  done: () => void;
}

export function CustomerForm({ kind, view, entry }: { kind: CustomerKind; view?: CustomerView; entry?: FlowEntry }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const lang = useLang();
  const queryClient = useQueryClient();
  const report = useReportError();
  const [form] = Form.useForm<FormValues>();
  const [tab, setTab] = useState<Section>(SECTIONS[kind][0]!);
  const [busy, setBusy] = useState(false);
  const [existing, setExisting] = useState<Existing | null>(null);
  const [errorCount, setErrorCount] = useState<Partial<Record<Section, number>>>({});
  const initial = useMemo<FormValues>(() => (view ? initialValues(view)
    : kind === 'personal' ? { identities: [{ idType: '10', idNumber: '' }], shareholder: false, employee: false } : {}), [view, kind]);

  /** Opens the tab of the first field in error and counts errors per tab for the badges. */
  const showErrors = () => {
    const counts: Partial<Record<Section, number>> = {};
    let first: Section | null = null;
    for (const f of form.getFieldsError()) {
      if (!f.errors.length) continue;
      const s = sectionOfPath(kind, f.name.join('.'));
      if (!s || s === 'main') continue;
      counts[s] = (counts[s] ?? 0) + 1;
      first ??= s;
    }
    setErrorCount(counts);
    const inError = form.getFieldsError().filter((f) => f.errors.length);
    const inMain = inError.find((f) => sectionOfPath(kind, f.name.join('.')) === 'main');
    const target = inMain ?? inError.find((f) => sectionOfPath(kind, f.name.join('.')) === tab) ?? inError[0];
    if (!inMain && first && !inError.some((f) => sectionOfPath(kind, f.name.join('.')) === tab)) setTab(first);
    // After the tab has switched, bring the first field in error into view.
    if (target) setTimeout(() => form.scrollToField(target.name, { block: 'center' }), 50);
  };

  /** A server error stays on its field until that field changes (the server is asked again on save). */
  const clearServerErrors = (changed: FormValues) => {
    setErrorCount({});
    const names: (string | number)[][] = [];
    for (const [key, value] of Object.entries(changed)) {
      if (key === 'identities' && Array.isArray(value)) {
        value.forEach((row, i) => { if (row) for (const k of Object.keys(row as object)) names.push(['identities', i, k]); });
      } else names.push([key]);
    }
    form.setFields(names.filter((n) => form.getFieldError(n).length).map((name) => ({ name, errors: [] })));
  };

  const save = async () => {
    let v: FormValues;
    setExisting(null);
    try { v = await form.validateFields(); } catch { showErrors(); return; }
    setBusy(true);
    try {
      if (!view) {
        const res = await createCustomer(createBody(kind, v) as never);
        if ('requestId' in res) {
          // Under review: nothing is opened yet; the customer list shows it as 开户审核中.
          message.info({ content: t('customers.form.openingSubmitted', { requestId: res.requestId }), duration: 8 });
          navigate('/customers');
          return;
        }
        message.success(t('customers.form.created', { customerNo: res.customerNo }));
        if (res.duplicates.length) message.warning({ content: t('customers.form.duplicates', { count: res.duplicates.length }), duration: 8 });
        navigate(`/customers/${res.id}`);
        return;
      }
      const { body, count, identitiesChanged } = changedBody(view, initial, v);
      if (count === 0 && !entry) { message.info(t('customers.form.noChanges')); navigate(`/customers/${view.id}`); return; }
      if (identitiesChanged) {
        const masked = (v.identities ?? []).map((r, i) => ({ r, i })).filter(({ r }) => (r.idNumber ?? '').includes('*'));
        if (masked.length) {
          form.setFields(masked.map(({ i }) => ({ name: ['identities', i, 'idNumber'], errors: [t('customers.form.identityMasked')] })));
          return;
        }
      }
      if (entry) {
        // 客户信息录入完毕: confirmed, then everything keyed goes to review with the flow.
        const fields = Object.keys(body).filter((k) => k !== 'version');
        if (!(await modal.confirm({
          title: t('documents.enterConfirm'), okText: t('documents.enter'), cancelText: t('customers.form.cancel'),
          content: fields.length ? t('documents.enterFields', { fields: fields.map((f) => fieldLabel(t, f, lang)).join('、') }) : t('documents.enterNoChange'),
        }))) return;
        const res = await entry.submit(fields.length ? body : undefined);
        await queryClient.invalidateQueries({ queryKey: ['approvals'] });
        message.success({ content: t('documents.enteredRequest', { requestId: res.requestId }), duration: 6 });
        entry.done();
        return;
      }
      // CIF-40: a change of a field under review is "entry complete" — confirmed, then 信息复核岗
      // reviews it and the customer keeps his values until then. The server decides; the dialog
      // names the fields the view says are reviewed.
      const reviewed = view.reviewedFields.filter((f) => f in body);
      if (reviewed.length && !(await modal.confirm({
        title: t('customers.form.reviewTitle'), okText: t('customers.form.reviewOk'), cancelText: t('customers.form.cancel'),
        content: t('customers.form.reviewContent', { fields: reviewed.map((f) => fieldLabel(t, f, lang)).join('、') }),
      }))) return;
      // The server counts what really changed (a revealed value saved as it was is no change).
      const res = await updateCustomer(view.id, body);
      await queryClient.invalidateQueries({ queryKey: ['customer'] });
      await queryClient.invalidateQueries({ queryKey: ['approvals'] });
      if (res.requestId !== undefined) message.success({ content: t('customers.form.submittedForReview', { requestId: res.requestId }), duration: 6 });
      else if (res.changed) message.success(t('customers.form.updated', { count: res.changed })); else message.info(t('customers.form.noChanges'));
      navigate(`/customers/${view.id}`);
    } catch (e) {
      if (isApiError(e) && e.code === 'customers.exists') {
        // The problem names the holder of the document (params.customerNo / customerId).
        const holder = (e.extra.params ?? {}) as { customerNo?: string; customerId?: number };
        setExisting({ title: e.title, customerNo: holder.customerNo ?? null, id: holder.customerId });
      }
      report(e, form);
      showErrors();
    } finally {
      setBusy(false);
    }
  };

  const title = entry ? entry.title : view ? t('customers.form.editTitle', { name: view.name, customerNo: view.customerNo })
    : t(kind === 'personal' ? 'customers.newPersonal' : 'customers.newCorporate');
  const tabs = SECTIONS[kind].map((s) => ({
    key: s, forceRender: true,
    label: <Badge count={errorCount[s] ?? 0} size="small" offset={[8, -2]}>{t(`customers.section.${s}`)}</Badge>,
    children: (
      <Row gutter={16}>
        {fieldsIn(kind, s).map((f) => (
          <Col key={f.key} xs={24} md={12} xl={(f.max ?? 0) > 160 ? 24 : 8}>
            <FieldInput f={f} masked={view?.fields[f.key]} reveal={view?.canReveal ? () => revealField(view.id, f.key) : undefined} />
          </Col>
        ))}
      </Row>
    ),
  }));

  return (
    <Form form={form} layout="vertical" initialValues={initial} onValuesChange={clearServerErrors} requiredMark data-testid="customer-form"
      onFinish={() => void save()}>
      <Card size="small" title={title} style={{ marginBottom: 12 }}>
        {/* A change already under review: its fields and a link; the values below are the ones in force. */}
        {view && <UnderReview subjectType="customer" subjectId={view.id} />}
        {existing && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={existing.title} data-testid="customer-exists"
            action={existing.id ? <Link to={`/customers/${existing.id}`}>{t('customers.form.openExisting', { customerNo: existing.customerNo })}</Link> : undefined} />
        )}
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="name" label={t(kind === 'personal' ? 'customers.personName' : 'customers.companyName')}
              rules={[{ required: true, whitespace: true, message: t('customers.form.nameRequired') }]}>
              <Input maxLength={kind === 'personal' ? 160 : 100} data-testid="customer-form-name" />
            </Form.Item>
          </Col>
          {!view && (
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="institutionId" label={t('customers.institution')} extra={t('customers.form.institutionHint')}>
                <InstitutionTreeSelect allowClear placeholder={t('customers.form.institutionDefault')} data-testid="customer-form-institution" />
              </Form.Item>
            </Col>
          )}
          {view && (
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('customers.institution')}><Input disabled value={`${view.institution.code} ${view.institution.name}`} /></Form.Item>
            </Col>
          )}
          {!view && kind === 'corporate' && (
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="scale" label={t('customers.scale.label')} extra={t('customers.scale.hint')}>
                <Select allowClear placeholder={t('customers.form.choose')} options={SCALES.map((s) => ({ value: s, label: t(`customers.scale.${s}`) }))} data-testid="customer-form-scale" />
              </Form.Item>
            </Col>
          )}
        </Row>
        {kind === 'personal' && (
          <IdentitiesField editing={!!view} originals={view?.identities.map((d) => d.idNumber)}
            reveal={view?.canReveal ? (k) => revealField(view.id, `identities.${k}.idNumber`) : undefined} />
        )}
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Tabs activeKey={tab} onChange={(k) => setTab(k as Section)} items={tabs} />
        {kind === 'personal' && !view && <MailingFollowsHome />}
      </Card>
      <Card size="small">
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="customer-form-save">{entry ? t('documents.enter') : t('common.save')}</Button>
          <Button onClick={() => (entry ? entry.done() : navigate(view ? `/customers/${view.id}` : '/customers'))}>{t('customers.form.cancel')}</Button>
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>{entry ? t('documents.enterHint') : t('customers.form.saveHint')}</span>
          {!entry && view && view.reviewedFields.length > 0 && <Tag color="gold" data-testid="review-hint">{t('customers.form.reviewHint', { fields: view.reviewedFields.map((f) => fieldLabel(t, f, lang)).join('、') })}</Tag>}
        </Space>
      </Card>
    </Form>
  );
}
