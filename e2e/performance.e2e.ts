// Performance (PERF-1, PERF-3) against the demo book at 1366×768: sn_mgr opens 我的业绩 — his
// allocated figures, his rank and the 30-day trend — and the 业绩分配 tab of the customer he shares
// 60/40 with sn_assist. Screenshots in .e2e-artifacts/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shot, startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

it('my performance and a customer\'s performance shares', async ({ annotate }) => {
  const mgr = await crm.session('sn_mgr');
  const me = (await mgr.get<{ asOf: string; figures: { deposit_balance: string } }>('/api/performance/me')).body;
  expect(Number(me.figures.deposit_balance)).toBeGreaterThan(0);
  const page = await crm.newPage('zh-CN');
  await crm.login(page, 'sn_mgr');
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '我的业绩' }).click();
  await page.waitForURL(/\/my-performance/);
  const card = page.locator('[data-testid=my-performance]');
  await card.locator('[data-testid=my-performance-trend] canvas, [data-testid=my-performance-trend] svg').first().waitFor();
  expect(await card.textContent()).toContain(me.asOf);
  await shot(page, 'my-performance', annotate, 'sn_mgr\'s performance with its 30-day trend (zh-CN, 1366×768)');

  // The demo splits sn_mgr's largest customer by month average 60/40 with sn_assist.
  const top = (await mgr.get<{ items: { id: number }[] }>('/api/customers?pageSize=1&sort=monthAvg&order=desc')).body.items[0]!;
  expect((await mgr.get<{ history: unknown[] }>(`/api/customers/${top.id}/performance-allocation`)).body.history).toHaveLength(2);
  await page.goto(`${crm.baseUrl}/customers/${top.id}?tab=accounts`);
  const tab = page.locator('[data-testid=performance-allocation]');
  await expect.poll(() => tab.textContent()).toContain('40.00%');
  await shot(page, 'performance-allocation-tab', annotate, 'a customer shared 60/40 between two managers');
  await page.context().close();
});
