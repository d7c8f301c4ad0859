// The back office's day in a real browser, on the demo book (issue 13's acceptance): 市南支行's
// entry clerk (sn_entry) sends a flow with its certificate rows; 青岛分行's centre clerk (qd_entry)
// receives the paper, imports the scan of the business licence and keys the company's new name
// from it on the customer form, "customer information entry complete"; the centre's review clerk
// (qd_review) sees old → new and approves; the customer view shows the new name, the new scan as
// the latest business licence, and the maker and the checker in its field history.
// Screenshots go to .e2e-artifacts/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../src/modules/images/sample-scans.ts';
import { newFlowFor, receiveFromTodos, saveAndSubmit } from './flow-steps.ts';
import { startCrm, type E2E } from './harness.ts';

const OUT = '.e2e-artifacts';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); mkdirSync(OUT, { recursive: true }); });
afterAll(async () => { await crm?.stop(); });

interface Flow { id: number; flowNo: string; status: string; accountNo: string; accountName: string; customerId: number }
interface ImageList { latest: { certType: string | null; originalName: string | null }[] }

describe('the back office in the browser', () => {
  it('takes a sub-branch\'s documents through the centre\'s receipt, keying and review into the customer', async () => {
    // The review clerk sees account numbers in full: the number the sub-branch types from the paper.
    const reviewer = await crm.session('qd_review');
    const [draft] = (await reviewer.get<{ items: Flow[] }>('/api/documents/flows?status=draft')).body.items;
    expect(draft).toBeDefined();
    const customerId = (await reviewer.get<Flow>(`/api/documents/flows/${draft!.id}`)).body.customerId;
    const oldName = (await reviewer.get<{ name: string }>(`/api/customers/${customerId}`)).body.name;
    const newName = `${oldName.slice(0, 80)}（青岛）`;
    const scan = `营业执照-${Date.now()}.png`;

    // 1. The sub-branch clerk sends the documents: the default certificate rows, confirmed.
    const sub = await crm.newPage();
    await crm.login(sub, 'sn_entry');
    const form = await newFlowFor(sub, draft!.accountNo, oldName);
    await expect.poll(() => form.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(6);
    const flowNo = await saveAndSubmit(sub);
    await sub.screenshot({ path: `${OUT}/back-office-sent.png` });
    await sub.context().close();

    // 2. The centre receives the paper from its to-do list.
    const centre = await crm.newPage();
    await crm.login(centre, 'qd_entry');
    const cdrawer = await receiveFromTodos(centre, flowNo);
    await expect.poll(() => cdrawer.locator('.ant-table-tbody').textContent()).toContain('基本户核准件');
    const flowId = Number(new URL(centre.url()).searchParams.get('open'));

    // 3. It imports the scan of the business licence on the customer's 影像 tab …
    await centre.goto(`/customers/${customerId}?tab=images`);
    await centre.click('[data-testid=images-cert-type]');
    await centre.locator('.ant-select-item-option', { hasText: '营业执照' }).first().click();
    await centre.setInputFiles('[data-testid=images-tab] input[type=file]', { name: scan, mimeType: 'image/png', buffer: samplePng(240, 160, [70, 120, 200]) });
    await expect.poll(() => centre.locator('[data-testid=image-latest-01]').textContent()).toContain(scan);

    // … and keys the name from the paper on the customer form: entry complete, confirmed.
    await centre.goto(`/documents/flows?open=${flowId}`);
    await centre.locator('[data-testid=flow-drawer] [data-testid=flow-enter]').click();
    await centre.fill('[data-testid=customer-form-name]', newName);
    await centre.screenshot({ path: `${OUT}/back-office-entry.png`, fullPage: true });
    await centre.click('[data-testid=customer-form-save]');
    const confirm = centre.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.textContent()).toContain('是否确认客户信息录入完毕');
    expect(await confirm.textContent()).toContain('名称');
    await confirm.locator('.ant-btn-primary').click();
    await expect.poll(() => centre.locator('.ant-message').textContent()).toContain('已提交复核');
    await expect.poll(() => centre.locator('[data-testid=flow-drawer] .ant-descriptions').textContent()).toContain('复核中');
    // Pending: the customer keeps his name, and his view says what waits for review.
    await centre.goto(`/customers/${customerId}`);
    await expect.poll(() => centre.locator('[data-testid=pending-fields]').textContent()).toContain('名称');
    expect(await centre.locator('[data-testid=customer-name]').textContent()).toBe(oldName);
    await centre.context().close();

    // 4. The review clerk sees old → new and approves.
    const review = await crm.newPage();
    await crm.login(review, 'qd_review');
    await review.goto('/approvals');
    await review.locator('[data-testid=approvals-table] tbody tr.ant-table-row', { hasText: flowNo }).first().click();
    const changes = review.locator('[data-testid=approval-drawer] [data-testid=approval-changes] tbody tr');
    await expect.poll(async () => (await changes.allTextContents())[0]).toBe(`名称${oldName}${newName}`);
    await review.screenshot({ path: `${OUT}/back-office-review.png` });
    await review.click('[data-testid=approval-approve]');
    await review.click('[data-testid=approval-decision-form-ok]');
    await expect.poll(() => review.locator('.ant-message').textContent()).toContain('已同意');
    expect((await reviewer.get<Flow>(`/api/documents/flows/${flowId}`)).body.status).toBe('completed');

    // 5. The customer view: the new name, the new scan as the latest licence, maker and checker.
    await review.goto(`/customers/${customerId}`);
    await expect.poll(() => review.locator('[data-testid=customer-name]').textContent()).toBe(newName);
    await review.getByRole('tab', { name: '变更历史' }).click();
    await expect.poll(() => review.locator('[data-testid=customer-history]').textContent()).toContain('经办 何录入，复核 吕复核');
    await review.screenshot({ path: `${OUT}/back-office-history.png` });
    await review.goto(`/customers/${customerId}?tab=images`);
    await expect.poll(() => review.locator('[data-testid=image-latest-01]').textContent()).toContain(scan);
    const latest = (await reviewer.get<ImageList>(`/api/customers/${customerId}/images`)).body.latest;
    expect(latest.filter((i) => i.certType === '01').map((i) => i.originalName)).toEqual([scan]);
    await review.screenshot({ path: `${OUT}/back-office-images.png`, fullPage: true });
    await review.context().close();
  });
});
