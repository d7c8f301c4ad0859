// 待分配客户 (REL-21) against the demo book at 1366×768: 青岛分行's administrator (客户分配岗) sees the
// customers without a manager, longest waiting first with the overdue ones marked, picks two and
// gives them to sn_mgr as primary after the server's count; they leave the list and appear in
// sn_mgr's charge. Screenshots in .e2e-artifacts/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shot, startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

interface Needed { total: number; items: { id: number; name: string; overdue: boolean }[] }

it('lists the customers to assign and assigns two of them to a manager', async ({ annotate }) => {
  const admin = await crm.session('qd_admin');
  const before = (await admin.get<Needed>('/api/customer-assignments/needed?pageSize=20')).body;
  expect(before.total).toBeGreaterThan(2);
  const page = await crm.newPage('zh-CN');
  await crm.login(page, 'qd_admin');
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '待分配客户' }).click();
  await page.waitForURL(/\/customer-assignments/);
  const rows = page.locator('[data-testid=assignments-table] tbody tr.ant-table-row');
  await expect.poll(() => rows.count()).toBe(Math.min(before.total, 20));
  expect(await rows.first().locator('td').nth(1).textContent()).toBe(before.items[0]!.name);
  await shot(page, 'assignments', annotate, 'customers to assign, longest waiting first (zh-CN, 1366×768)');

  await rows.nth(0).locator('.ant-checkbox-input').check();
  await rows.nth(1).locator('.ant-checkbox-input').check();
  await page.locator('[data-testid=assignment-open]').click();
  await page.locator('[data-testid=assignment-manager]').click();
  await page.keyboard.type('卫主办');
  await page.locator('.ant-select-item-option', { hasText: '卫主办' }).click();
  await expect.poll(() => page.locator('[data-testid=assignment-preview]').textContent()).toContain('将分配 2 户');
  await shot(page, 'assignments-modal', annotate, 'the count before assigning');
  await page.locator('[data-testid=assignment-confirm]').click();
  await expect.poll(async () => (await admin.get<Needed>('/api/customer-assignments/needed?pageSize=20')).body.total).toBe(before.total - 2);
  const mgr = await crm.session('sn_mgr');
  for (const c of before.items.slice(0, 2)) expect((await mgr.get(`/api/customers/${c.id}`)).status).toBe(200);
  await page.context().close();
});
