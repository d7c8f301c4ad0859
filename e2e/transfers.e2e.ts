// Transfer of primary rights (REL-22) in a real browser, on the demo book: sn_mgr hands one of his
// customers to sn_assist from the customer view's 移交主办权; qd_head (客户转移审批生效岗) approves
// it from his inbox seeing 卫主办 → 蒋协办; qd_confirm confirms; the customer view then shows 蒋协办
// as the primary manager and the customer is in sn_assist's charge. Heads find the departing
// manager's form under 主办权移交.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrm, type E2E } from './harness.ts';

const OUT = '.e2e-artifacts';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); mkdirSync(OUT, { recursive: true }); });
afterAll(async () => { await crm?.stop(); });

async function approveInDrawer(username: string, customerName: string, reason: string) {
  const page = await crm.newPage();
  await crm.login(page, username);
  await page.goto('/approvals');
  const row = page.locator('[data-testid=approvals-table] tbody tr.ant-table-row', { hasText: customerName });
  await expect.poll(() => row.count()).toBe(1);
  await row.click();
  const drawer = page.locator('[data-testid=approval-drawer]');
  await expect.poll(() => drawer.locator('[data-testid=approval-changes]').textContent()).toContain('卫主办');
  expect(await drawer.locator('[data-testid=approval-changes]').textContent()).toContain('蒋协办');
  await page.screenshot({ path: `${OUT}/transfer-drawer-${username}.png` });
  await page.click('[data-testid=approval-approve]');
  await page.fill('[data-testid=approval-reason]', reason);
  await page.click('[data-testid=approval-decision-form-ok]');
  await expect.poll(() => row.count()).toBe(0);
  await page.context().close();
}

describe('transfer of primary rights in the browser', () => {
  it('passes through three users and the customer view shows the new primary manager', async () => {
    const mgr = await crm.session('sn_mgr');
    const mine = (await mgr.get<{ items: { id: number; name: string }[] }>('/api/customers?pageSize=50')).body.items;
    let customer: { id: number; name: string } | undefined;
    for (const c of mine) {
      const open = (await mgr.get<{ items: unknown[] } | unknown[]>(`/api/approvals/open?subjectType=customer&subjectId=${c.id}`)).body;
      if ((Array.isArray(open) ? open : open.items).length === 0) { customer = c; break; }
    }
    expect(customer).toBeDefined();

    const page = await crm.newPage();
    await crm.login(page, 'sn_mgr');
    await page.goto(`/customers/${customer!.id}`);
    await page.click('[data-testid=customer-transfer]');
    await page.click('[data-testid=transfer-to]');
    await page.keyboard.type('sn_assist');
    await page.locator('.ant-select-item-option', { hasText: '蒋协办' }).first().click();
    await page.fill('[data-testid=transfer-reason]', '分工调整，改由蒋协办主办');
    await page.screenshot({ path: `${OUT}/transfer-form.png` });
    await page.click('[data-testid=transfer-form-ok]');
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已提交移交申请');
    await page.context().close();

    await approveInDrawer('qd_head', customer!.name, '同意移交');
    await approveInDrawer('qd_confirm', customer!.name, '确认生效');

    const assist = await crm.session('sn_assist');
    const view = (await assist.get<{ managers: { displayName: string; role: string }[] }>(`/api/customers/${customer!.id}`));
    expect(view.status).toBe(200);
    const check = await crm.newPage();
    await crm.login(check, 'sn_assist');
    await check.goto(`/customers/${customer!.id}`);
    await expect.poll(() => check.locator('[data-testid=customer-header]').textContent()).toContain('蒋协办');
    await check.screenshot({ path: `${OUT}/transfer-done.png` });
    await check.context().close();
    expect((await mgr.get(`/api/customers/${customer!.id}`)).status).toBe(404);
  });

  it("offers a head the departing manager's form", async () => {
    const page = await crm.newPage('en-US');
    await crm.login(page, 'sn_head');
    await page.goto('/customer-transfers');
    await page.click('[data-testid=transfer-book]');
    await page.click('[data-testid=transfer-from]');
    await expect.poll(() => page.locator('.ant-select-item-option').first().textContent()).toMatch(/primary of \d+/);
    await page.screenshot({ path: `${OUT}/transfer-book-form.png` });
    await page.context().close();
  });
});
