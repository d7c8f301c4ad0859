// The workbench as a morning page (issue 12, item 5) in a real browser at 1366×768, in zh-CN and
// en-US, on the demo book: sn_mgr's figures, to-dos and the menu's badges; qd_head's institution
// figures and the breakdown by sub-branch and team as charts. Every figure is checked against the
// API, never against the screen itself. Screenshots go to .e2e-artifacts/ (the test output).
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startCrm, type E2E } from './harness.ts';

const OUT = '.e2e-artifacts';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); mkdirSync(OUT, { recursive: true }); });
afterAll(async () => { await crm?.stop(); });

interface Figure { balance: string; sinceYesterday: string | null; sinceMonthStart: string | null }
type Figures = Record<'deposits' | 'loans' | 'wealth' | 'aum', Figure>;
interface Book { view: string; asOf: string; customers: number | null; totals: Figures; trend: { date: string }[] }
interface Unit { id: number; name: string; direct: boolean; deposits: Figure; loans: Figure; aum: Figure }
interface Breakdown { children: Unit[]; teams: Unit[] }

/** Yuan text as the screens show it: thousands grouped, two decimals. */
function money(yuan: string): string {
  const [int, frac = ''] = yuan.split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  return `${sign}${BigInt(int!.replace('-', '')).toLocaleString('en-US')}.${frac.padEnd(2, '0')}`;
}
const signed = (v: string | null) => (v === null ? '—' : v.startsWith('-') || /^0(\.0+)?$/.test(v) ? money(v) : `+${money(v)}`);

/** The figures card shows each of the server's figures and changes. */
async function expectFigures(page: Page, totals: Figures) {
  for (const [key, f] of Object.entries(totals)) {
    const tile = page.locator(`[data-testid=book-${key}]`);
    await expect.poll(() => tile.locator('.ant-statistic-content').textContent()).toBe(money(f.balance));
    expect(await tile.locator(`[data-testid=book-${key}-day]`).textContent()).toContain(signed(f.sinceYesterday));
    expect(await tile.locator(`[data-testid=book-${key}-month]`).textContent()).toContain(signed(f.sinceMonthStart));
  }
}

/** A drawn ECharts chart: an SVG of a real size, with `legend` in its text. */
async function expectChart(page: Page, testId: string, legend: string) {
  const chart = page.locator(`[data-testid=${testId}]`);
  const svg = chart.locator('svg').first();
  await svg.waitFor();
  const box = await svg.boundingBox();
  expect(box!.width).toBeGreaterThan(500);
  expect(box!.height).toBeGreaterThan(200);
  await expect.poll(() => chart.textContent()).toContain(legend);
}

describe.each([['zh-CN', { deposits: '存款余额', aum: '管理资产（AUM）', teams: '按营销团队', managers: '按客户经理' }], ['en-US', { deposits: 'Deposits', aum: 'AUM', teams: 'By marketing team', managers: 'By customer manager' }]] as const)(
  'the workbench in %s', (lang, words) => {
    it("shows sn_mgr his customers' totals with their changes, his trend, his to-dos, and the counts on the menu", async () => {
      const mgr = await crm.session('sn_mgr');
      const book = (await mgr.get<Book>('/api/workbench/book')).body;
      expect([book.view, book.trend.length]).toEqual(['manager', 90]);
      expect(book.customers).toBeGreaterThan(100);
      expect(Number(book.totals.deposits.balance)).toBeGreaterThan(0);
      const todos = (await mgr.get<{ open: number }>('/api/todos/count')).body;
      const alerts = (await mgr.get<{ maturity: number; large_change: number }>('/api/workbench/account-alerts/count')).body;
      expect(todos.open).toBeGreaterThan(0);
      expect(alerts.maturity + alerts.large_change).toBeGreaterThan(0);

      const page = await crm.newPage(lang);
      await crm.login(page, 'sn_mgr');
      await expect.poll(() => page.locator('[data-testid=book-figures] .ant-card-head').textContent()).toContain(String(book.customers));
      expect(await page.locator('[data-testid=book-as-of]').textContent()).toContain(book.asOf);
      await expectFigures(page, book.totals);
      await expectChart(page, 'book-trend-chart', words.aum);
      await expect.poll(() => page.locator('[data-testid=workbench-todos-open] .ant-statistic-content').textContent()).toBe(String(todos.open));
      await expect.poll(() => page.locator('[data-testid=menu-badge-todos]').textContent()).toBe(String(todos.open));
      expect(await page.locator('[data-testid=menu-badge-alerts]').textContent()).toBe(String(alerts.maturity + alerts.large_change));
      // No institution breakdown for a manager.
      expect(await page.locator('[data-testid=book-breakdown]').count()).toBe(0);
      // Nothing cut at 1366 px: the figures fit their tiles.
      for (const key of ['deposits', 'loans', 'wealth', 'aum']) {
        const fits = await page.locator(`[data-testid=book-${key}]`).evaluate((e) => e.scrollWidth <= e.clientWidth);
        expect(fits, key).toBe(true);
      }
      await page.waitForTimeout(800); // the charts' entry animation
      await page.screenshot({ path: `${OUT}/workbench-sn_mgr-${lang}.png` });
      await page.context().close();
    });

    it("shows qd_head 青岛分行's totals and the breakdown by sub-branch and by team as charts", async () => {
      const head = await crm.session('qd_head');
      const book = (await head.get<Book>('/api/workbench/book')).body;
      expect(book.view).toBe('institution');
      const cut = (await head.get<Breakdown>('/api/workbench/book/breakdown')).body;
      // 青岛分行 itself books no account in the demo: no row of zeros for it.
      expect(cut.children.map((u) => u.name)).toEqual(['市南支行', '市北支行', '崂山支行']);
      expect(cut.teams.map((u) => u.name).sort()).toEqual(['中小企业团队', '营销一队', '营销一队']);

      const page = await crm.newPage(lang);
      await crm.login(page, 'qd_head');
      await expectFigures(page, book.totals);
      const card = page.locator('[data-testid=book-breakdown]');
      await card.scrollIntoViewIfNeeded();
      await expectChart(page, 'book-breakdown-chart-children', words.deposits);
      await expect.poll(() => page.locator('[data-testid=book-breakdown-chart-children]').textContent()).toContain('市南支行');
      const rows = page.locator('[data-testid=book-breakdown-table-children] tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBe(cut.children.length);
      for (const [i, u] of cut.children.entries()) {
        const cells = await rows.nth(i).locator('td').allTextContents();
        expect(cells[1]).toContain(money(u.deposits.balance));
        expect(cells[3]).toContain(money(u.aum.balance));
        expect(cells[3]).toContain(signed(u.aum.sinceMonthStart));
      }
      await page.locator('[data-testid=book-breakdown] .ant-tabs-tab').filter({ hasText: words.teams }).click();
      await expectChart(page, 'book-breakdown-chart-teams', words.deposits);
      await expect.poll(() => page.locator('[data-testid=book-breakdown-table-teams] tbody tr.ant-table-row').count()).toBe(cut.teams.length);
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${OUT}/workbench-qd_head-${lang}.png` });
      // The team, one row per customer manager in his charge, the largest deposits first.
      const team = (await head.get<{ items: { name: string; primaryCustomers: number; deposits: string }[] }>('/api/managers/team')).body.items;
      expect(team.map((m) => m.name)).toContain('卫主办');
      await page.locator('[data-testid=book-breakdown] .ant-tabs-tab').filter({ hasText: words.managers }).click();
      const managers = page.locator('[data-testid=book-team-table] tbody tr.ant-table-row');
      await expect.poll(() => managers.count()).toBe(Math.min(team.length, 20));
      const first = await managers.first().locator('td').allTextContents();
      expect(first[0]).toContain(team[0]!.name);
      expect(first[4]).toContain(money(team[0]!.deposits));
      await page.screenshot({ path: `${OUT}/workbench-qd_head-managers-${lang}.png` });
      await page.context().close();
    });
  });

it("routes unassigned customers' alerts to the nearest head above their institution, not to every head above it", async () => {
  type Alerts = { items: { id: number }[] };
  const ids = async (u: string) => {
    const session = await crm.session(u);
    const all = await Promise.all(['maturity', 'large_change'].map((k) => session.get<Alerts>(`/api/workbench/account-alerts?kind=${k}&pageSize=200`)));
    return new Set(all.flatMap((r) => r.body.items.map((i) => i.id)));
  };
  // 市南支行 has its head (sn_head); 市北 and 崂山 have none, so 青岛分行's head (qd_head) answers for them.
  const [sn, qd, hq] = await Promise.all([ids('sn_head'), ids('qd_head'), ids('hq_head')]);
  expect(sn.size).toBeGreaterThan(0);
  expect(qd.size).toBeGreaterThan(0);
  for (const id of sn) expect(qd.has(id) || hq.has(id), `alert ${id} of 市南支行 seen above it`).toBe(false);
  for (const id of qd) expect(hq.has(id), `alert ${id} of 青岛分行 seen by head office`).toBe(false);
});
