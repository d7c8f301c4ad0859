// Document transfer in a real browser, on the demo book: the sub-branch entry clerk (sn_entry)
// opens a flow — the account number brings the account name, the certificate rows start from the
// defaults and their totals follow the edits — and submits it; the branch centre's clerk
// (qd_entry) finds the receipt to-do, receives the paper, then finishes the entry, which sends the
// flow to review; the centre's review clerk approves and the flow is completed. Screenshots go to
// .e2e-artifacts/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newFlowFor, receiveFromTodos, saveAndSubmit } from './flow-steps.ts';
import { startCrm, type E2E } from './harness.ts';

const OUT = '.e2e-artifacts';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); mkdirSync(OUT, { recursive: true }); });
afterAll(async () => { await crm?.stop(); });

interface Flow { id: number; flowNo: string; status: string; accountNo: string; accountName: string }

describe('document transfer in the browser', () => {
  it('goes from the sub-branch to the centre, is received, keyed and reviewed', async () => {
    // The review clerk may see account numbers in full: the number the entry clerk types from the paper.
    const reviewer = await crm.session('qd_review');
    const [draft] = (await reviewer.get<{ items: Flow[] }>('/api/documents/flows?status=draft')).body.items;
    expect(draft).toBeDefined();

    const page = await crm.newPage();
    await crm.login(page, 'sn_entry');
    const form = await newFlowFor(page, draft!.accountNo, draft!.accountName);
    await expect.poll(() => form.locator('[data-testid=flow-totals]').textContent()).toBe('合计：6 份，6 页');
    // Two copies of the licence, three pages each.
    const first = form.locator('.ant-table-tbody tr.ant-table-row').first();
    await first.locator('.ant-input-number-input').nth(0).fill('3');
    await first.locator('.ant-input-number-input').nth(1).fill('2');
    await expect.poll(() => form.locator('[data-testid=flow-totals]').textContent()).toBe('合计：7 份，11 页');
    await page.screenshot({ path: `${OUT}/documents-new-flow.png` });
    const flowNo = await saveAndSubmit(page);
    await page.context().close();

    const centre = await crm.newPage();
    await crm.login(centre, 'qd_entry');
    const cdrawer = await receiveFromTodos(centre, flowNo, `${OUT}/documents-receipt-todos.png`);
    await expect.poll(() => cdrawer.locator('.ant-table-tbody').textContent()).toContain('营业执照');
    // Keying opens the customer's form; the paper matches, so "entry complete" sends only the flow to review.
    await cdrawer.locator('[data-testid=flow-enter]').click();
    await centre.locator('[data-testid=customer-form-save]').click();
    await centre.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect.poll(() => centre.locator('[data-testid=flow-drawer] .ant-descriptions').textContent()).toContain('复核中');
    await centre.context().close();

    const flow = (await reviewer.get<{ items: Flow[] }>(`/api/documents/flows?flowNo=${flowNo}`)).body.items[0]!;
    const detail = (await reviewer.get<{ review: { requestId: number }; totalCopies: number; totalPages: number }>(`/api/documents/flows/${flow.id}`)).body;
    expect(detail).toMatchObject({ totalCopies: 7, totalPages: 11 });
    expect((await reviewer.post(`/api/approvals/${detail.review.requestId}/approve`, { step: 1 })).status).toBe(200);
    expect((await reviewer.get<Flow>(`/api/documents/flows/${flow.id}`)).body.status).toBe('completed');
  });

  it('shows the centre its cabinet and the overdue file in the register', async () => {
    const page = await crm.newPage('en-US');
    await crm.login(page, 'qd_entry');
    await page.goto('/archive/loans?state=overdue');
    await expect.poll(() => page.locator('tr.ant-table-row').count()).toBe(1);
    expect(await page.locator('tr.ant-table-row').textContent()).toContain('Overdue');
    await page.screenshot({ path: `${OUT}/archive-overdue.png` });
    await page.goto('/archive/positions');
    await expect.poll(() => page.locator('tr.ant-table-row').count()).toBe(5);
    await page.context().close();
  });
});
