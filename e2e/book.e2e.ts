// Acceptance of the demo book in a real browser (issue 11): what the demo's staff find on a fresh
// start. sn_mgr's workbench carries his to-dos (certificate reminders) and his customers' maturity
// and large-change alerts; one of his customers' accounts tab shows the accounts, the balance trend
// and daily averages that a recomputation from the trend agrees with; sn_head's 本机构日均 is the
// server's figures for 市南支行; the auditor finds the book's loads and imports in the audit log.
// Every figure is checked against the API (or recomputed), never against the screen itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { businessToday } from '../src/common/business-date.ts';
import { startCrm, type E2E, type Session } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

type Category = 'deposit' | 'loan' | 'wealth' | 'card';
interface Account { id: number; accountNo: string; kind: string; currency: string; balance: string; openedOn: string; closedOn: string | null }
interface AverageTotal { category: Category; currency: string; month: string | null; quarter: string | null; year: string | null }
interface Trend { from: string; to: string; series: { category: Category; currency: string; points: { date: string; balance: string }[] }[] }
interface Alerts { total: number; counts: { maturity: number; large_change: number }; items: { customer: { id: number; name: string } }[] }

const CATEGORY_ZH: Record<Category, string> = { deposit: '存款', loan: '贷款', wealth: '理财', card: '银行卡' };
const CATEGORY_OF_KIND: Record<string, Category> = { deposit_demand: 'deposit', deposit_time: 'deposit', loan: 'loan', wealth: 'wealth', card: 'card' };
/** The book ends the business day before today. */
const bookEnd = (() => { const d = new Date(`${businessToday()}T00:00:00Z`); d.setUTCDate(d.getUTCDate() - 1); return d.toISOString().slice(0, 10); })();

/** Yuan text as the screens show it: thousands grouped, two decimals. */
function money(yuan: string): string {
  const [int, frac = ''] = yuan.split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  return `${sign}${BigInt(int!.replace('-', '')).toLocaleString('en-US')}.${frac.padEnd(2, '0')}`;
}
const fen = (yuan: string) => { const [int, frac = ''] = yuan.replace('-', '').split('.'); const f = BigInt(int! + frac.padEnd(2, '0')); return yuan.startsWith('-') ? -f : f; };
/** Σ ÷ days, half-up (away from zero) to the fen — the rule of docs/daily-averages.md. */
function average(sum: bigint, days: number): string {
  const d = BigInt(days); const abs = sum < 0n ? -sum : sum; const q = (2n * abs + d) / (2n * d);
  return `${sum < 0n ? '-' : ''}${q / 100n}.${String(q % 100n).padStart(2, '0')}`;
}
const periodStart = (asOf: string, period: 'month' | 'quarter' | 'year') => {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const month = period === 'month' ? m : period === 'quarter' ? m - ((m - 1) % 3) : 1;
  return `${y}-${String(month).padStart(2, '0')}-01`;
};
const statistics = async (card: Locator) => (await card.locator('.ant-statistic-content').allTextContents()).map((s) => s.trim());

/**
 * One of sn_mgr's customers with an alert, and a category of his that one open account makes up,
 * opened before the year began: its averages can be recomputed from the balance trend alone.
 */
async function customerToCheck(mgr: Session) {
  const alerts = (await mgr.get<Alerts>('/api/workbench/account-alerts?kind=large_change&status=open&pageSize=100')).body;
  const maturities = (await mgr.get<Alerts>('/api/workbench/account-alerts?kind=maturity&status=open&pageSize=100')).body;
  const ids = [...new Set([...alerts.items, ...maturities.items].map((a) => a.customer.id))];
  for (const id of ids) {
    const accounts = (await mgr.get<{ items: Account[] }>(`/api/customers/${id}/accounts`)).body.items;
    const sameGroup = (a: Account, b: Account) => CATEGORY_OF_KIND[a.kind] === CATEGORY_OF_KIND[b.kind] && a.currency === b.currency;
    const alone = accounts.find((a) => a.closedOn === null && a.openedOn < periodStart(bookEnd, 'year')
      && accounts.filter((b) => sameGroup(a, b)).length === 1);
    if (alone) return { id, accounts, account: alone, category: CATEGORY_OF_KIND[alone.kind], currency: alone.currency };
  }
  throw new Error(`none of sn_mgr's ${ids.length} customers with an alert has a category of one long-open account`);
}

describe('the demo book in the browser', () => {
  it('puts sn_mgr\'s to-dos and his customers\' maturity and large-change alerts on his workbench', async () => {
    const mgr = await crm.session('sn_mgr');
    const count = (await mgr.get<{ open: number; byKind: Record<string, number> }>('/api/todos/count')).body;
    expect(count.byKind['certificate.expiry']).toBeGreaterThan(0);
    const todos = (await mgr.get<{ items: { id: number; title: string }[] }>('/api/todos?status=open&page=1&pageSize=5')).body.items;
    const maturity = (await mgr.get<Alerts>('/api/workbench/account-alerts?kind=maturity&status=open')).body;
    expect(maturity.counts.maturity).toBeGreaterThan(0);
    expect(maturity.counts.large_change).toBeGreaterThan(0);
    const large = (await mgr.get<Alerts>('/api/workbench/account-alerts?kind=large_change&status=open')).body;
    const mine = new Set(((await mgr.get<{ items: { id: number }[] }>('/api/customers?pageSize=200')).body.items).map((c) => c.id));

    const page = await crm.newPage();
    await crm.login(page, 'sn_mgr');
    const card = page.locator('[data-testid=workbench-todos]');
    await expect.poll(() => card.locator('[data-testid=workbench-todos-open] .ant-statistic-content').textContent()).toBe(String(count.open));
    for (const todo of todos) {
      await expect(card.locator(`[data-testid=workbench-todo-${todo.id}]`).textContent()).resolves.toContain(todo.title);
    }
    expect(await card.textContent()).toContain('临时存款账户');

    // The alerts: each tab's badge is the server's count; the rows are his own customers'.
    const alerts = page.locator('[data-testid=account-alerts]');
    const tabs = alerts.locator('.ant-tabs-tab');
    await expect.poll(() => tabs.nth(0).textContent()).toMatch(new RegExp(`到期预警\\s*${maturity.counts.maturity}$`));
    expect(await tabs.nth(1).textContent()).toMatch(new RegExp(`大额变动\\s*${maturity.counts.large_change}$`));
    const rows = alerts.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(Math.min(10, maturity.total));
    expect(await rows.nth(0).textContent()).toContain(maturity.items[0]!.customer.name);
    expect(maturity.items.every((a) => mine.has(a.customer.id))).toBe(true);
    await tabs.nth(1).click();
    await expect.poll(() => rows.nth(0).textContent()).toContain(large.items[0]!.customer.name);
    expect(large.items.every((a) => mine.has(a.customer.id))).toBe(true);
    // No institution figure for a manager who sees only his own customers.
    await expect(page.locator('[data-testid=institution-averages]').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('shows one of sn_mgr\'s customers with accounts, a balance trend and daily averages a recomputation agrees with', async () => {
    const mgr = await crm.session('sn_mgr');
    const c = await customerToCheck(mgr);
    const averages = (await mgr.get<{ asOf: string; totals: AverageTotal[] }>(`/api/customers/${c.id}/averages`)).body;
    expect(averages.asOf).toBe(bookEnd);
    const total = averages.totals.find((t) => t.category === c.category && t.currency === c.currency)!;
    // Independently: Σ the trend's daily balances over each period to date ÷ its calendar days.
    for (const period of ['month', 'quarter', 'year'] as const) {
      const from = periodStart(bookEnd, period);
      const trend = (await mgr.get<Trend>(`/api/customers/${c.id}/balance-trend?from=${from}&to=${bookEnd}`)).body;
      const points = trend.series.find((s) => s.category === c.category && s.currency === c.currency)!.points;
      expect(points[0]!.date).toBe(from);
      // The book's first day (90 consecutive feed days end on bookEnd) carried the opening position:
      // the core's 积数 as if the balance had stood at that day's since the period began
      // (src/demo/generate/feed.ts), so the days before it count at the first day's balance.
      const firstDay = new Date(Date.parse(`${bookEnd}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
      const opening = points.find((p) => p.date === firstDay)?.balance;
      const balanceOf = (p: { date: string; balance: string }) => (p.date < firstDay ? opening! : p.balance);
      expect(total[period], period).toBe(average(points.reduce((s, p) => s + fen(balanceOf(p)), 0n), points.length));
    }

    const page = await crm.newPage();
    await crm.login(page, 'sn_mgr');
    await page.goto(`/customers/${c.id}?tab=accounts`);
    const table = page.locator('[data-testid=accounts-table]');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(Math.min(20, c.accounts.length));
    const row = table.locator('tbody tr.ant-table-row', { has: page.locator(`[data-testid=account-no-${c.account.id}]`) });
    expect(await row.textContent()).toContain(money(c.account.balance));

    // The trend is drawn, one legend entry per category and currency.
    const chart = page.locator('[data-testid=balance-trend-chart]');
    const svg = chart.locator('svg').first();
    await svg.waitFor();
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(box!.height).toBeGreaterThan(200);
    await expect.poll(() => chart.textContent()).toContain(`${CATEGORY_ZH[c.category]}（${c.currency}）`);

    // Every category's card shows the server's figures; the checked one is the recomputed one.
    await expect(page.locator('[data-testid=daily-averages]').textContent()).resolves.toContain(bookEnd);
    for (const t of averages.totals) {
      const card = page.locator(`[data-testid=daily-averages-${t.category}-${t.currency}]`);
      await expect.poll(() => statistics(card)).toEqual([t.month, t.quarter, t.year].map((v) => (v === null ? '—' : money(v))));
    }
    // With the opening position loaded nothing is marked 期初数据不全.
    await expect(page.locator('[data-testid^=daily-averages-partial]').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('gives sn_head 市南支行\'s daily averages as the server computes them', async () => {
    const head = await crm.session('sn_head');
    const me = (await head.get<{ managingInstitution: { id: number; name: string } }>('/api/me')).body;
    expect(me.managingInstitution.name).toBe('市南支行');
    const figures = (await head.get<{ asOf: string; items: (AverageTotal & { accounts: number; balance: string })[] }>(`/api/institutions/${me.managingInstitution.id}/averages`)).body;
    expect(figures.asOf).toBe(bookEnd);
    expect(figures.items.find((i) => i.category === 'deposit' && i.currency === 'CNY')?.accounts).toBeGreaterThan(100);

    const page = await crm.newPage();
    await crm.login(page, 'sn_head');
    const card = page.locator('[data-testid=institution-averages]');
    await expect.poll(() => card.textContent()).toContain(bookEnd);
    const rows = card.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(figures.items.length);
    for (const [i, item] of figures.items.entries()) {
      const cells = (await rows.nth(i).locator('td').allTextContents()).map((s) => s.trim());
      expect(cells).toEqual([`${CATEGORY_ZH[item.category]}（${item.currency}）`, item.accounts.toLocaleString('en-US'),
        ...[item.balance, item.month!, item.quarter!, item.year!].map(money)]);
    }
    await page.context().close();
  });

  it('lists the book\'s feed loads and customer imports on the auditor\'s audit screen', async () => {
    const auditor = await crm.session('auditor');
    const page = await crm.newPage();
    await crm.login(page, 'auditor');
    await page.goto('/audit');
    const action = page.locator('[data-testid=audit-filters] .ant-form-item').filter({ has: page.locator('label[title="操作"]') }).locator('input');
    // The book's loads run as the system; each manager imported his own portfolio.
    for (const [code, actors] of [['feed.load', ['系统']], ['customer.import', ['sn_mgr', 'lx_mgr']]] as const) {
      const log = (await auditor.get<{ total: number; items: { actorName: string | null }[] }>(`/api/audit?action=${code}&pageSize=100`)).body;
      expect(log.total).toBeGreaterThan(code === 'feed.load' ? 80 : 2);
      await action.fill(code);
      await page.click('[data-testid=audit-search]');
      await expect.poll(() => page.locator('.ant-pagination-total-text').first().textContent()).toContain(`共 ${log.total} 条`);
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      const shown = await rows.allTextContents();
      expect(shown.length).toBe(Math.min(50, log.total));
      expect(shown.every((r) => r.includes(code))).toBe(true);
      for (const who of actors) expect(shown.some((r) => r.includes(who)), `${code} by ${who}`).toBe(true);
    }
    await page.context().close();
  });
});
