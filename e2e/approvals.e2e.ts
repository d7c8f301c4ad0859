// The approval inbox in a real browser, on the demo book's customer deletions under review: the
// review clerk opens his one request, sees old → new and approves it; the sub-branch head batch-
// approves both requests now at his step, which deletes the customers; the entry clerk finds his
// returned request under 我的申请 and its customer still active, marked "under review". Screenshots
// of the inbox and the drawer go to .e2e-artifacts/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrm, type E2E } from './harness.ts';

const OUT = '.e2e-artifacts';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); mkdirSync(OUT, { recursive: true }); });
afterAll(async () => { await crm?.stop(); });

interface Item { id: number; type: string; step: number; subject: { id: string; label: string } }

describe('the approval inbox in the browser', () => {
  it('lets the review clerk approve step 1 from the drawer, showing old → new', async () => {
    const review = await crm.session('sn_review');
    // His inbox also holds the demo book's two customer information entries (e2e/information-review.e2e.ts).
    const [item] = (await review.get<{ items: Item[] }>('/api/approvals/inbox?type=customer.delete')).body.items;
    expect(item).toBeDefined();
    const page = await crm.newPage();
    await crm.login(page, 'sn_review');
    await page.goto('/approvals');
    const rows = page.locator('[data-testid=approvals-table] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    // The menu's 审批 badge counts what waits for him, as the inbox does.
    await expect.poll(() => page.locator('[data-testid=menu-badge-approvals]').textContent()).toBe('3');
    const row = rows.filter({ hasText: item!.subject.label });
    await page.screenshot({ path: `${OUT}/approvals-inbox.png` });
    await row.click();
    const drawer = page.locator('[data-testid=approval-drawer]');
    await expect.poll(() => drawer.locator('[data-testid=approval-changes] tbody tr').allTextContents()).toEqual(
      [expect.stringMatching(/^客户状态正常已删除$/), expect.stringContaining('删除原因')]);
    await page.screenshot({ path: `${OUT}/approvals-drawer.png` });
    await page.click('[data-testid=approval-approve]');
    await page.fill('[data-testid=approval-reason]', '核对无误');
    await page.click('[data-testid=approval-decision-form-ok]');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid=menu-badge-approvals]').textContent()).toBe('2');
    const detail = (await review.get<{ status: string; step: number }>(`/api/approvals/${item!.id}`)).body;
    expect(detail).toMatchObject({ status: 'pending', step: 2 });
    await page.context().close();
  });

  it('lets the sub-branch head approve both requests at his step in one batch, in English, deleting the customers', async () => {
    const head = await crm.session('sn_head');
    const items = (await head.get<{ items: Item[] }>('/api/approvals/inbox')).body.items;
    expect(items).toHaveLength(2);
    const page = await crm.newPage('en-US');
    await crm.login(page, 'sn_head');
    await page.goto('/approvals');
    const rows = page.locator('[data-testid=approvals-table] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    await page.locator('[data-testid=approvals-table] thead .ant-checkbox-input').check();
    await page.click('[data-testid=approval-batch]');
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('Batch: 2 approved, 0 refused');
    await expect.poll(() => rows.count()).toBe(0);
    for (const i of items) {
      const customer = (await head.get<{ status: string }>(`/api/customers/${i.subject.id}`)).body;
      expect(customer.status).toBe('deleted');
    }
    await page.context().close();
  });

  it('shows the entry clerk his returned request with the reason, and its customer still active and under review', async () => {
    const entry = await crm.session('sn_entry');
    const returned = (await entry.get<{ items: Item[] }>('/api/approvals/mine?status=returned')).body.items.find((i) => i.type === 'customer.delete');
    const page = await crm.newPage();
    await crm.login(page, 'sn_entry');
    await page.goto('/approvals?tab=mine');
    const row = page.locator('[data-testid=approvals-table] tbody tr.ant-table-row', { hasText: returned!.subject.label });
    await expect.poll(() => row.textContent()).toContain('已退回');
    await row.click();
    await expect.poll(() => page.locator('[data-testid=approval-drawer] .ant-timeline').textContent()).toContain('请附上正确名称客户的客户号');
    await page.goto(`/customers/${returned!.subject.id}`);
    await expect.poll(() => page.locator('[data-testid=under-review]').textContent()).toContain('删除客户（已退回');
    expect((await entry.get<{ status: string }>(`/api/customers/${returned!.subject.id}`)).body.status).toBe('active');
    await page.context().close();
  });
});
