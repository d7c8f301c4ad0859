// Screens at 1366×768 (issue 12, item 8), in zh-CN and en-US: a customer's accounts tab shows
// balance, maturity badge and status of every account inside the table and the window, with no
// sideways scrolling and nothing laid over them (the fixed action column used to cover the badge
// and hide the status); the customer view's tabs all fit, with no "…" menu, for a personal and a
// corporate customer; the calendar's holiday names, the blacklist's columns and the user list's
// institution names are shown whole. Screenshots go to .e2e-artifacts/ and are attached to the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { shot, startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

const WIDTH = 1366;
const HEAD = { 'zh-CN': { balance: '余额', maturity: '到期日', status: '状态' }, 'en-US': { balance: 'Balance', maturity: 'Maturity', status: 'Status' } } as const;

/** The element is inside `outer` and the window, and is what the browser finds at its centre (nothing covers it). */
async function expectUncovered(el: Locator, outer: { x: number; width: number }) {
  await el.scrollIntoViewIfNeeded();
  const box = (await el.boundingBox())!;
  expect(box.width).toBeGreaterThan(4);
  expect(box.x).toBeGreaterThanOrEqual(outer.x - 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  expect(await el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!hit && (e === hit || e.contains(hit));
  })).toBe(true);
}

/** A customer of sn_mgr with a time deposit or loan maturing soon, and one of his companies. */
async function customersToView() {
  const mgr = await crm.session('sn_mgr');
  type Alerts = { items: { customer: { id: number } }[] };
  const maturing = (await mgr.get<Alerts>('/api/workbench/account-alerts?kind=maturity&status=open&pageSize=100')).body.items;
  let withMaturity: number | undefined;
  for (const { customer } of maturing) {
    const accounts = (await mgr.get<{ items: { status: string }[] }>(`/api/customers/${customer.id}/accounts`)).body.items;
    if (accounts.length >= 3) { withMaturity = customer.id; break; }
  }
  if (!withMaturity) throw new Error('sn_mgr has no customer with a maturing account and three accounts');
  const corporate = (await mgr.get<{ items: { id: number }[] }>('/api/customers?kind=corporate&pageSize=1')).body.items[0]!.id;
  return { withMaturity, corporate };
}

describe.each(['zh-CN', 'en-US'] as const)('at 1366×768 in %s', (lang) => {
  it('the accounts tab shows balance, maturity badge and status of every account, uncovered', async ({ annotate }) => {
    const { withMaturity } = await customersToView();
    const page = await crm.newPage(lang);
    await crm.login(page, 'sn_mgr');
    // His profile says what he sees: his own customers, not the institution's data.
    await expect.poll(() => page.locator('[data-testid=profile-scope-hint]').textContent()).toBe(lang === 'zh-CN'
      ? '（只能查看您本人管户、且属该机构或其下级机构的客户）' : '(you see only the customers you manage yourself, within this institution and those below it)');
    await page.goto(`/customers/${withMaturity}?tab=accounts`);
    const table = page.locator('[data-testid=accounts-table]');
    const rows = table.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    // No fixed column left to lay over the others, and nothing to scroll sideways.
    expect(await table.locator('.ant-table-cell-fix-right, .ant-table-cell-fix-left').count()).toBe(0);
    const scroller = table.locator('.ant-table-content, .ant-table-body').first();
    expect(await scroller.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(1);

    const headers = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
    const col = (name: string) => { const i = headers.indexOf(name); expect(i, `${name} in ${headers.join('|')}`).toBeGreaterThanOrEqual(0); return i; };
    const [balanceCol, maturityCol, statusCol] = [col(HEAD[lang].balance), col(HEAD[lang].maturity), col(HEAD[lang].status)];
    const tableBox = (await table.boundingBox())!;
    expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(WIDTH);

    let badges = 0;
    for (let r = 0; r < await rows.count(); r++) {
      const cells = rows.nth(r).locator('> td');
      expect(await cells.nth(balanceCol).textContent()).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2}$/);
      await expectUncovered(cells.nth(balanceCol).locator('span').first(), tableBox);
      await expectUncovered(cells.nth(statusCol).locator('.ant-tag'), tableBox);
      const badge = cells.nth(maturityCol).locator('.ant-tag');
      if (await badge.count()) { await expectUncovered(badge, tableBox); badges++; }
    }
    expect(badges).toBeGreaterThan(0);
    await table.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await shot(page, `accounts-tab-${lang}`, annotate, `accounts tab: balance, maturity badge and status (${lang}, 1366×768)`);
    await page.context().close();
  });

  it('the customer view shows every tab, no "…" menu, for a personal and a corporate customer', async ({ annotate }) => {
    const { withMaturity, corporate } = await customersToView();
    const page = await crm.newPage(lang);
    await crm.login(page, 'sn_mgr');
    for (const [id, kind] of [[withMaturity, 'personal'], [corporate, 'corporate']] as const) {
      await page.goto(`/customers/${id}`);
      const tabs = page.locator('[data-testid=customer-tabs] > .ant-tabs-nav');
      await tabs.locator('.ant-tabs-tab').first().waitFor();
      await page.waitForTimeout(300); // antd measures the tabs after they render
      await expect.poll(() => tabs.locator('.ant-tabs-nav-operations-hidden').count()).toBe(1);
      const wrap = (await tabs.locator('.ant-tabs-nav-wrap').boundingBox())!;
      const boxes = await tabs.locator('.ant-tabs-tab').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { right: r.right, text: e.textContent } }));
      expect(boxes.length).toBeGreaterThanOrEqual(12);
      for (const b of boxes) expect(b.right, b.text ?? '').toBeLessThanOrEqual(wrap.x + wrap.width + 0.5);
      expect(wrap.x + wrap.width).toBeLessThanOrEqual(WIDTH);
      await shot(page, `customer-tabs-${kind}-${lang}`, annotate, `customer view tabs, ${kind} (${lang}, 1366×768)`);
    }
    await page.context().close();
  });

  it('the calendar, the blacklist and the user list show their columns whole', async ({ annotate }) => {
    const page = await crm.newPage(lang);
    await crm.login(page, 'qd_admin');
    /** Cells of `selector` whose text is cut (by an ellipsis or the cell's edge): their texts. */
    const cut = (selector: string) => page.locator(selector).evaluateAll((els) => els
      .filter((e) => { const t = (e.querySelector('.ant-table-cell-content') ?? e) as HTMLElement; return t.scrollWidth > t.clientWidth + 1; })
      .map((e) => e.textContent));
    const narrowHeaders = (table: string, min: number) => page.locator(`${table} thead th`).evaluateAll((els, m) => els
      .filter((e) => e.textContent && e.getBoundingClientRect().width < m).map((e) => `${e.textContent} ${Math.round(e.getBoundingClientRect().width)}px`), min);

    await page.goto('/calendar');
    const days = page.locator('[data-testid=calendar-table] tbody tr.ant-table-row');
    await days.first().waitFor();
    const nameCol = (await page.locator('[data-testid=calendar-table] thead th').allTextContents()).indexOf(lang === 'zh-CN' ? '名称' : 'Name');
    expect(nameCol).toBeGreaterThanOrEqual(0);
    const nameTh = (await page.locator('[data-testid=calendar-table] thead th').nth(nameCol).boundingBox())!;
    expect(nameTh.width).toBeGreaterThanOrEqual(120);
    expect(await cut(`[data-testid=calendar-table] tbody tr.ant-table-row > td:nth-child(${nameCol + 1})`)).toEqual([]);
    await shot(page, `calendar-${lang}`, annotate, `calendar list (${lang}, 1366×768)`);

    await page.goto('/blacklist?status=all');
    await page.locator('[data-testid=blacklist-table] tbody tr.ant-table-row').first().waitFor();
    expect(await narrowHeaders('[data-testid=blacklist-table]', 56)).toEqual([]);
    // Nothing to scroll sideways, so no column hides under a fixed one.
    expect(await page.locator('[data-testid=blacklist-table] .ant-table-content, [data-testid=blacklist-table] .ant-table-body').first()
      .evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(1);
    expect(await page.locator('[data-testid=blacklist-table] .ant-table-cell-fix-right, [data-testid=blacklist-table] .ant-table-cell-fix-left').count()).toBe(0);
    const lastCol = await page.locator('[data-testid=blacklist-table] thead th').count();
    expect(await cut(`[data-testid=blacklist-table] tbody tr.ant-table-row > td:nth-child(${lastCol})`)).toEqual([]);
    await shot(page, `blacklist-${lang}`, annotate, `blacklist (${lang}, 1366×768)`);

    await page.goto('/users');
    await page.locator('[data-testid=users-table] tbody tr.ant-table-row').first().waitFor();
    const heads = (await page.locator('[data-testid=users-table] thead th').allTextContents());
    for (const label of lang === 'zh-CN' ? ['归属机构', '管理机构'] : ['Home institution', 'Managing institution']) {
      const col = heads.indexOf(label);
      expect(col, heads.join('|')).toBeGreaterThanOrEqual(0);
      expect(await cut(`[data-testid=users-table] tbody tr.ant-table-row > td:nth-child(${col + 1})`)).toEqual([]);
    }
    await shot(page, `users-${lang}`, annotate, `user list (${lang}, 1366×768)`);
    await page.context().close();
  });
});
