// Takes the README's screenshots (docs/screenshots/) from the demo book at 1366×768 in zh-CN:
// sn_mgr's workbench, qd_head's breakdown, the customer search, a customer's accounts tab with the balance trend, and
// the feed history. Each shot waits for the data it is meant to show, so an empty or failing
// screen stops the run instead of ending up in the README.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startCrm, type E2E } from './harness.ts';

const OUT = 'docs/screenshots';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

/** Scrolls the page's content so that `selector` starts just below the fixed header. */
async function scrollTo(page: Page, selector: string) {
  await page.locator(selector).evaluate((e) => {
    const header = document.querySelector('.ant-layout-header')?.getBoundingClientRect().height ?? 0;
    let box: HTMLElement | null = e.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    const scroller = box ?? document.scrollingElement!;
    scroller.scrollTop += e.getBoundingClientRect().top - header - 12;
  });
}

/** Lets the charts finish their entry animation and the spinners go. */
async function settle(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count()).toBe(0);
  await page.waitForTimeout(1200);
}

it('sn_mgr\'s workbench: his book\'s figures and trend, to-dos and account alerts', async () => {
  const page = await crm.newPage();
  await crm.login(page, 'sn_mgr');
  await page.locator('[data-testid=book-trend-chart] svg').first().waitFor();
  await page.locator('[data-testid=workbench-todos] .ant-list-item').first().waitFor();
  await page.locator('[data-testid=account-alerts] tbody tr.ant-table-row').first().waitFor();
  await settle(page);
  // The morning figures open the page: the shot starts at them, below the greeting.
  await scrollTo(page, '[data-testid=book-figures]');
  await page.screenshot({ path: `${OUT}/workbench.png` });
  await page.context().close();
});

it('qd_head\'s workbench: 青岛分行 by sub-branch and by team', async () => {
  const page = await crm.newPage();
  await crm.login(page, 'qd_head');
  await page.locator('[data-testid=book-breakdown-chart-children] svg').first().waitFor();
  await settle(page);
  await scrollTo(page, '[data-testid=book-breakdown]');
  await page.screenshot({ path: `${OUT}/workbench-head.png` });
  await page.context().close();
});

it('the customer search and a customer\'s accounts tab', async () => {
  const mgr = await crm.session('sn_mgr');
  // A customer whose deposit or loan matures soon, with more than one category to draw and no
  // large change (a one-day spike flattens the other lines).
  type Alerts = { items: { customer: { id: number; name: string } }[] };
  const maturing = (await mgr.get<Alerts>('/api/workbench/account-alerts?kind=maturity&status=open&pageSize=100')).body.items;
  const jumped = new Set((await mgr.get<Alerts>('/api/workbench/account-alerts?kind=large_change&status=open&pageSize=100')).body.items.map((a) => a.customer.id));
  let customer: { id: number; name: string } | undefined;
  for (const { customer: c } of maturing) {
    if (jumped.has(c.id)) continue;
    const averages = (await mgr.get<{ totals: unknown[] }>(`/api/customers/${c.id}/averages`)).body;
    if (averages.totals.length >= 2) { customer = c; break; }
  }
  if (!customer) throw new Error('no customer with a maturity, two categories and no large change');
  const page = await crm.newPage();
  await crm.login(page, 'sn_mgr');
  await page.goto('/customers');
  const search = page.locator('input[data-testid=customer-search], [data-testid=customer-search] input').first();
  // The commonest surname: a search that finds several of his customers.
  await search.fill('王');
  await search.press('Enter');
  await page.waitForURL(/[?&]q=/);
  await page.locator('[data-testid=customer-results] tbody tr.ant-table-row').nth(3).waitFor();
  await settle(page);
  await page.screenshot({ path: `${OUT}/customer-search.png` });

  await page.goto(`/customers/${customer.id}?tab=accounts`);
  await page.locator('[data-testid=balance-trend-chart] svg').waitFor();
  await page.locator('[data-testid=accounts-table] tbody tr.ant-table-row').first().waitFor();
  await settle(page);
  // From the tabs down, so that the daily averages and the whole trend chart fit in 768 pixels.
  await scrollTo(page, '[data-testid=customer-tabs]');
  await page.screenshot({ path: `${OUT}/customer-view.png` });
  await page.context().close();
});

it('the feed history with the refused first delivery', async () => {
  const page = await crm.newPage();
  await crm.login(page, 'admin');
  await page.goto('/feeds');
  const rejected = page.locator('[data-testid=feed-runs] tr', { has: page.locator('[data-testid=feed-status-rejected]') }).first();
  await rejected.locator('.ant-table-row-expand-icon').click();
  await page.locator('[data-testid^=feed-rejected-] tbody tr.ant-table-row').first().waitFor();
  await settle(page);
  await rejected.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `${OUT}/feeds.png` });
  await page.context().close();
});
