// Takes the README's screenshots (docs/screenshots/) from the demo book at 1366×768 in zh-CN:
// sn_mgr's workbench, the customer search, a customer's accounts tab with the balance trend, and
// the feed history. Each shot waits for the data it is meant to show, so an empty or failing
// screen stops the run instead of ending up in the README.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startCrm, type E2E } from './harness.ts';

const OUT = 'docs/screenshots';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

/**
 * Scrolls the page's content so that `selector` starts just below the fixed header ('top') or
 * ends at the bottom of the window ('bottom').
 */
async function scrollTo(page: Page, selector: string, edge: 'top' | 'bottom' = 'top') {
  await page.locator(selector).evaluate((e, edge) => {
    const header = document.querySelector('.ant-layout-header')?.getBoundingClientRect().height ?? 0;
    let box: HTMLElement | null = e.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    const scroller = box ?? document.scrollingElement!;
    const r = e.getBoundingClientRect();
    scroller.scrollTop += edge === 'top' ? r.top - header - 12 : r.bottom - window.innerHeight + 24;
  }, edge);
}

/** Lets the charts finish their entry animation and the spinners go. */
async function settle(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count()).toBe(0);
  await page.waitForTimeout(1200);
}

it('sn_mgr\'s workbench: to-dos and account alerts', async () => {
  const page = await crm.newPage();
  await crm.login(page, 'sn_mgr');
  await page.locator('[data-testid=workbench-todos] .ant-list-item').first().waitFor();
  await page.locator('[data-testid=account-alerts] tbody tr.ant-table-row').first().waitFor();
  await settle(page);
  // The profile and shortcuts are the same for everyone: start the shot at the to-dos, below the header.
  await scrollTo(page, '[data-testid=workbench-todos]');
  await page.screenshot({ path: `${OUT}/workbench.png` });
  await page.context().close();
});

it('the customer search and a customer\'s accounts tab', async () => {
  const mgr = await crm.session('sn_mgr');
  // A customer whose time deposit matures soon: a trend of several categories, no one-day spike.
  const alerts = (await mgr.get<{ items: { customer: { id: number; name: string } }[] }>('/api/workbench/account-alerts?kind=maturity&status=open')).body;
  const customer = alerts.items[0]!.customer;
  const page = await crm.newPage();
  await crm.login(page, 'sn_mgr');
  await page.goto('/customers');
  const search = page.locator('input[data-testid=customer-search], [data-testid=customer-search] input').first();
  await search.fill(customer.name.slice(0, 1));
  await search.press('Enter');
  await page.locator('[data-testid=customer-results] tbody tr.ant-table-row').nth(5).waitFor();
  await settle(page);
  await page.screenshot({ path: `${OUT}/customer-search.png` });

  await page.goto(`/customers/${customer.id}?tab=accounts`);
  await page.locator('[data-testid=balance-trend-chart] svg').waitFor();
  await page.locator('[data-testid=accounts-table] tbody tr.ant-table-row').first().waitFor();
  await settle(page);
  // Down to the end of the trend chart, keeping as much of the customer's header as fits.
  await scrollTo(page, '[data-testid=balance-trend-chart]', 'bottom');
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
