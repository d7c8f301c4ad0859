// The product catalogue (issue 12, item 6) at 1366×768: the demo's product manager finds the menu
// entry and the catalogue with today's rates, is refused on the number field when he reuses a
// product number (the server's refusal, shown on the field), creates a product with its first
// rate, changes the rate after a confirmation and sees both settings in the history, newest
// first; a customer manager sees the catalogue without the actions. Screenshots in .e2e-artifacts/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shot, startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

const rowOf = (page: Page, id: string) => page.locator('[data-testid=product-table] tbody tr.ant-table-row', { has: page.locator(`[data-testid=product-${id}]`) });
const historyRows = (page: Page) => page.locator('[data-testid=rate-history] tbody tr.ant-table-row');

it('a product manager lists, creates a product, changes its rate and sees the history; a reused number is refused on its field', async ({ annotate }) => {
  const page = await crm.newPage('zh-CN');
  await crm.login(page, 'product_mgr');
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '产品目录' }).click();
  await page.waitForURL(/\/products/);
  // The demo mortgage at its latest LPR-based rate; the debit card bears none.
  await expect.poll(() => rowOf(page, '2010000001').locator('td').nth(5).textContent()).toBe('3.5000');
  await expect(rowOf(page, '4010000001').locator('td').nth(5).textContent()).resolves.toBe('不计息');

  // Filter by category: loans only.
  await page.locator('[data-testid=product-filter-category]').click();
  await page.locator('.ant-select-item-option[title="贷款"]').click();
  await page.waitForURL(/category=loan/);
  await expect.poll(async () => [...new Set(await page.locator('[data-testid=product-table] tbody tr.ant-table-row td:nth-child(3)').allTextContents())]).toEqual(['贷款']);
  await shot(page, 'products-list', annotate, 'product catalogue filtered to loans (zh-CN, 1366×768)');
  await page.goto('/products');

  // A product number already in the catalogue: the server refuses, and says so on the field.
  await page.click('[data-testid=product-add]');
  const form = page.locator('[data-testid=product-form]');
  await form.locator('[data-testid=product-id]').fill('1020000001');
  await form.locator('[data-testid=product-name-zh]').fill('三年期定期储蓄');
  await form.locator('[data-testid=product-name-en]').fill('Three-year time savings');
  await form.locator('#category').click();
  await page.locator('.ant-select-item-option[title="存款"]').click();
  await form.locator('[data-testid=product-with-rate]').click();
  await form.locator('[data-testid=rate-base]').fill('1.5500');
  await page.click('[data-testid=product-form-ok]');
  const idItem = form.locator('.ant-form-item', { has: page.locator('[data-testid=product-id]') });
  await expect.poll(() => idItem.locator('.ant-form-item-explain-error').textContent()).toBe('产品编号 1020000001 已存在');
  await shot(page, 'products-refused', annotate, 'a reused product number refused on its field (zh-CN)');

  // A new number: created with its first rate, from today; the drawer opens on it.
  await form.locator('[data-testid=product-id]').fill('1020000009');
  await page.click('[data-testid=product-form-ok]');
  const drawer = page.locator('[data-testid=product-drawer]');
  await drawer.waitFor();
  await expect.poll(() => historyRows(page).count()).toBe(1);
  await expect(historyRows(page).first().locator('td').nth(2).textContent()).resolves.toBe('1.5500');
  await expect(historyRows(page).first().locator('.ant-tag').textContent()).resolves.toBe('执行中');

  // A rate change from tomorrow, after the confirmation.
  await drawer.locator('[data-testid=rate-add]').click();
  const rateForm = page.locator('[data-testid=rate-form]');
  await rateForm.locator('[data-testid=rate-base]').fill('1.4000');
  const tomorrow = await rateForm.locator('[data-testid=rate-effective] input, input[data-testid=rate-effective]').first().inputValue();
  expect(tomorrow).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await page.click('[data-testid=rate-form-ok]');
  await page.locator('.ant-modal-confirm', { hasText: '确认调整利率' }).waitFor();
  await page.click('[data-testid=rate-confirm-ok]');
  await expect.poll(() => historyRows(page).count()).toBe(2);
  expect(await historyRows(page).locator('td:nth-child(1)').allTextContents()).toEqual([tomorrow, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
  expect(await historyRows(page).locator('td:nth-child(3)').allTextContents()).toEqual(['1.4000', '1.5500']);
  await expect(historyRows(page).first().locator('.ant-tag').textContent()).resolves.toBe('待生效');
  await shot(page, 'products-history', annotate, 'the new product\'s rate history after a change (zh-CN)');

  // What the server holds: the same two settings.
  const mgr = await crm.session('product_mgr');
  const held = (await mgr.get<{ rates: { baseRate: string; effectiveFrom: string }[] }>('/api/products/1020000009')).body;
  expect(held.rates.map((r) => [r.effectiveFrom, r.baseRate])).toEqual([[tomorrow, '1.4000'], [expect.any(String), '1.5500']]);

  // A second change on the same date is refused on the date field.
  await drawer.locator('[data-testid=rate-add]').click();
  await rateForm.locator('[data-testid=rate-base]').fill('1.3000');
  await rateForm.locator('[data-testid=rate-effective] input, input[data-testid=rate-effective]').first().fill(tomorrow);
  // Enter takes the typed date and submits the form, as the OK button does.
  await rateForm.locator('[data-testid=rate-effective] input, input[data-testid=rate-effective]').first().press('Enter');
  await page.locator('.ant-modal-confirm', { hasText: '确认调整利率' }).waitFor();
  await page.click('[data-testid=rate-confirm-ok]');
  await expect.poll(() => rateForm.locator('.ant-form-item-explain-error').allTextContents()).toEqual([expect.stringContaining(tomorrow)]);
  expect((await mgr.get<{ rates: unknown[] }>('/api/products/1020000009')).body.rates).toHaveLength(2);
  await page.context().close();
});

it('a customer manager sees the catalogue but no actions', async () => {
  const page = await crm.newPage('en-US');
  await crm.login(page, 'sn_mgr');
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: 'Product catalogue' }).click();
  await expect.poll(() => rowOf(page, '2010000001').locator('td').nth(1).textContent()).toBe('Residential mortgage');
  expect(await page.locator('[data-testid=product-add]').count()).toBe(0);
  await page.locator('[data-testid=product-2010000001]').click();
  await expect.poll(() => historyRows(page).count()).toBe(3);
  expect(await page.locator('[data-testid=rate-add], [data-testid=product-retire]').count()).toBe(0);
  await page.context().close();
});
