// The relationship network (issue 15) at 1366×768 against the demo book: sn_mgr opens the guarantee
// circles page, drills into a circle's graph, follows a member to the customer's network tab, where
// the graph renders with its legend (a customer of another branch drawn masked), and a click on a
// linked customer's node opens that customer. Screenshots in .e2e-artifacts/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shot, startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

interface Net { nodes: { key: string; name: string; hop: number; customerId: number | null; masked: boolean }[] }

it('circles list, drill into a circle, the network tab with its legend, and a node click opening the linked customer', async ({ annotate }) => {
  const page = await crm.newPage('zh-CN');
  await crm.login(page, 'sn_mgr');
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '担保圈与担保链' }).click();
  await page.waitForURL(/\/guarantee-circles/);
  const rows = page.locator('[data-testid=circles-table] tbody tr.ant-table-row');
  await expect.poll(() => rows.count()).toBe(2);
  await expect(rows.first().locator('td').nth(1).textContent()).resolves.toBe('4');
  await shot(page, 'network-circles', annotate, 'guarantee circles of sn_mgr\'s customers (zh-CN, 1366×768)');
  // The list as Excel: the browser receives the file under the scan's date.
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=circles-export]').click()]);
  expect(file.suggestedFilename()).toMatch(/^担保圈-\d{4}-\d{2}-\d{2}\.xlsx$/);

  await rows.first().locator('[data-testid=circle-drill]').click();
  const drawer = page.locator('[data-testid=circle-drawer]');
  await drawer.locator('[data-testid=network-graph] svg').waitFor();
  await expect.poll(() => drawer.locator('.ant-list-item').count()).toBe(2); // the two cycles of the circle
  await shot(page, 'network-circle-drill', annotate, 'a circle of four drawn, with its two cycles');
  await drawer.locator('.ant-drawer-close').click();

  // Customers near the blacklist: the demo's listed customer of sn_mgr has relatives and a company linked to him.
  await page.locator('.ant-tabs-tab', { hasText: '黑名单关联客户' }).click();
  const near = page.locator('[data-testid=proximity-table] tbody tr.ant-table-row');
  await expect.poll(() => near.count()).toBeGreaterThan(0);
  await shot(page, 'network-blacklist-proximity', annotate, 'customers within two hops of a blacklisted customer');
  await page.locator('.ant-tabs-tab', { hasText: '担保圈' }).first().click();

  // The mutual guarantee's first member, on his network tab.
  await rows.nth(1).locator('a').first().click();
  await page.waitForURL(/\/customers\/\d+\?tab=network/);
  const id = Number(/customers\/(\d+)/.exec(page.url())![1]);
  const graph = page.locator('[data-testid=network-graph]');
  await graph.locator('svg').waitFor();
  for (const legend of ['本客户', '对公客户', '个人客户', '非本行客户关联方', '无权查看的客户']) {
    await expect.poll(() => graph.locator('svg text', { hasText: legend }).count(), { message: legend }).toBeGreaterThan(0);
  }
  const mgr = await crm.session('sn_mgr');
  const net = (await mgr.get<Net>(`/api/customers/${id}/network?hops=2`)).body;
  expect(net.nodes.some((n) => n.masked)).toBe(true);
  await shot(page, 'network-tab', annotate, 'the customer\'s network graph with its legend; a guarantor of another branch masked');

  // A click on a linked customer in sn_mgr's charge opens him.
  const target = net.nodes.find((n) => n.hop === 1 && n.customerId !== null)!;
  await graph.scrollIntoViewIfNeeded();
  const label = graph.locator('svg text', { hasText: target.name }).first();
  const box = (await label.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y - 14);
  await page.waitForURL(new RegExp(`/customers/${target.customerId}\\?tab=network`));
  await graph.locator('svg').waitFor();
  await shot(page, 'network-node-opened', annotate, 'the linked customer opened from a click on his node');
});

it('relationship levels: the distribution by institution, what moved, and a customer\'s level with its reasons', async ({ annotate }) => {
  const mgr = await crm.session('sn_mgr');
  const moves = (await mgr.get<{ total: number; items: { customerId: number; levelTo: number }[] }>('/api/relationship-levels/moves')).body;
  const page = await crm.newPage('en-US');
  await crm.login(page, 'sn_mgr');
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: 'Relationship levels' }).click();
  await page.waitForURL(/\/relationship-levels/);
  await page.locator('[data-testid=relationship-level-chart] canvas, [data-testid=relationship-level-chart] svg').first().waitFor();
  await expect.poll(() => page.locator('[data-testid=relationship-level-moves] tbody tr.ant-table-row').count()).toBe(Math.min(moves.total, 20));
  await shot(page, 'relationship-levels', annotate, 'relationship levels by institution and the customers whose level moved (en-US)');
  // A customer of sn_mgr: his level, score and each indicator's contribution.
  const mine = (await mgr.get<{ items: { id: number }[] }>('/api/customers?pageSize=1&sort=monthAvg&order=desc')).body.items[0]!;
  const level = (await mgr.get<{ level: number; score: string }>(`/api/customers/${mine.id}/relationship-level`)).body;
  await page.goto(`${crm.baseUrl}/customers/${mine.id}?tab=network`);
  const tab = page.locator('[data-testid=relationship-level]');
  await expect.poll(() => tab.locator('[data-testid=relationship-level-indicators] tbody tr.ant-table-row').count()).toBe(6);
  expect(await tab.textContent()).toContain(level.score);
  await shot(page, 'relationship-level-tab', annotate, `a customer's relationship level (${level.level}) with its reasons`);
  await page.context().close();
});
