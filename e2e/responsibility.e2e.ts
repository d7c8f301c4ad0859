// The maintenance responsibility table (REL-24) against the demo book at 1366×768: 青岛分行's head
// sees the proposed × actual summary and the table, narrows it to customers whose responsible
// person is too junior, and takes the Excel file. Screenshots in .e2e-artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot, startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

describe.each([['zh-CN', '维护责任表', '责任人层级偏低'], ['en-US', 'Responsibility table', 'Too junior']] as const)('%s', (lang, menu, below) => {
it('the summary, the table narrowed to too-junior responsibility, the Excel file', async ({ annotate }) => {
  const head = await crm.session('qd_head');
  const all = (await head.get<{ total: number }>('/api/responsibility')).body;
  const junior = (await head.get<{ total: number; items: { name: string }[] }>('/api/responsibility?agreement=below')).body;
  expect(all.total).toBeGreaterThan(0);
  const page = await crm.newPage(lang);
  await crm.login(page, 'qd_head');
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: menu }).click();
  await page.waitForURL(/\/responsibility/);
  await expect.poll(() => page.locator('[data-testid=responsibility-summary] tbody tr.ant-table-row').count()).toBe(4);
  const rows = page.locator('[data-testid=responsibility-table] tbody tr.ant-table-row');
  await expect.poll(() => rows.count()).toBe(Math.min(all.total, 20));
  await shot(page, `responsibility-${lang}`, annotate, `the responsibility table of 青岛分行 (${lang}, 1366×768)`);
  await page.locator('[data-testid=responsibility-agreement]').click();
  await page.locator('.ant-select-item-option', { hasText: below }).click();
  await expect.poll(() => rows.count()).toBe(Math.min(junior.total, 20));
  if (junior.total) expect(await rows.first().locator('td').first().textContent()).toBe(junior.items[0]!.name);
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=responsibility-export]').click()]);
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  await page.context().close();
});
});
