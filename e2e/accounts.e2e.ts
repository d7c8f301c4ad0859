// Acceptance of the daily feed and the accounts tab in a real browser (ACC-2, ACC-3, ACC-5): the
// head-office administrator loads two business days from the inbox on the 数据下发 screen and sees
// both runs loaded; the branch's entry clerk then opens the customer's accounts tab and finds the
// balance trend drawn and the month-to-date daily average the two days give.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { residentIdCheckDigit } from '../src/common/validators/resident-id.ts';
import { DEMO_PASSWORD, startCrm, type E2E } from './harness.ts';

const inbox = mkdtempSync(join(tmpdir(), 'crm-e2e-inbox-'));
let crm: E2E;
beforeAll(async () => { crm = await startCrm({ CRM_FEED_INBOX: inbox }); });
afterAll(async () => { await crm?.stop(); rmSync(inbox, { recursive: true, force: true }); });

// Two consecutive past days, D1 the first of a month (and of a quarter), the account opened on D1:
// as of D2 the month-to-date average counts two days, (1000.00 + 3000.50) ÷ 2 = 2000.25; the
// quarter- and year-to-date averages count the same two days, so they are 2000.25 too.
const D1 = '2026-10-01';
const D2 = '2026-10-02';
const B1 = '1000.00';
const B2 = '3000.50';
const AVERAGE = '2,000.25';
const PRODUCT_ID = '1010000077';
const ACCOUNT_NO = '6222020000000077001';
const FIRST17 = '37020219850601321';
const ID_NUMBER = FIRST17 + residentIdCheckDigit(FIRST17)!;

/** An API session of a demo user from Node: the session cookie and the CSRF token for writes. */
async function session(username: string) {
  const res = await fetch(`${crm.baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${crm.baseUrl}${path}`, {
      method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json() as Record<string, unknown> };
  };
  return { get: (path: string) => call('GET', path), post: (path: string, body: unknown) => call('POST', path, body) };
}

/** Writes one business day's folder into the inbox: delimited UTF-8 files and, last, the control file. */
function writeInboxDay(date: string, rows: { accounts?: string[][]; balances: string[][] }) {
  const ymd = date.replaceAll('-', '');
  const dir = join(inbox, ymd);
  mkdirSync(dir, { recursive: true });
  const ctl = ['# file|kind|layout|encoding|records'];
  for (const [kind, recs] of Object.entries(rows)) {
    const file = `${kind.toUpperCase()}_${ymd}.txt`;
    writeFileSync(join(dir, file), recs.map((r) => `${r.join('|')}\n`).join(''));
    ctl.push(`${file}|${kind}|delimited|UTF-8|${recs.length}`);
  }
  writeFileSync(join(dir, `CRM_FEED_${ymd}.ctl`), `${ctl.join('\n')}\n`);
}

/** Loads a date on the feed screen and waits for the run's outcome. */
async function loadOnScreen(page: Page, date: string) {
  const picker = page.locator('input[data-testid=feed-load-date], [data-testid=feed-load-date] input').first();
  await picker.click();
  await picker.fill(date);
  await picker.press('Enter');
  await page.click('[data-testid=feed-load-button]');
  const result = page.locator('[data-testid=feed-load-result]');
  await expect.poll(() => result.textContent().catch(() => ''), { timeout: 30_000 }).toContain(`${date} 的加载结果`);
  return result;
}

describe('daily feed and accounts tab in the browser', () => {
  it('loads two days from the inbox on the feed screen; the accounts tab shows the trend and the daily average', async () => {
    const pm = await session('product_mgr');
    const product = await pm.post('/api/products', { id: PRODUCT_ID, nameZh: '个人活期存款', nameEn: 'Personal demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' });
    expect(product.status, JSON.stringify(product.body)).toBe(201);

    // The 市南支行 entry clerk opens the customer, who therefore belongs to 0101 and is in her scope.
    const clerk = await session('sn_entry');
    const opened = await clerk.post('/api/customers', { kind: 'personal', name: '周日均', identities: [{ idType: '10', idNumber: ID_NUMBER, expiresOn: '2035-01-01' }], mobile: '13800000077' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const customerId = opened.body.id as number;
    const customerNo = (await clerk.get(`/api/customers/${customerId}`)).body.customerNo as string;
    expect(customerNo).toMatch(/^\d{11}$/);

    const admin = await crm.newPage();
    await crm.login(admin, 'admin');
    await admin.goto('/feeds');
    await admin.locator('[data-testid=feed-load-button]').waitFor();

    // Each day's folder is written just before it is loaded, so the inbox job (every 10 minutes in
    // the morning) can at most load the same day first, which the screen's load then replaces.
    writeInboxDay(D1, {
      accounts: [[ACCOUNT_NO, customerNo, PRODUCT_ID, 'DD', 'CNY', '0101', D1.replaceAll('-', ''), '', 'A', B1, '0.3500', '', '', '', '', '']],
      balances: [[ACCOUNT_NO, B1]],
    });
    const first = await loadOnScreen(admin, D1);
    await expect(first.locator('[data-testid=feed-status-loaded]').count()).resolves.toBe(1);
    expect(await first.textContent()).toContain('新开账户 1');

    writeInboxDay(D2, { balances: [[ACCOUNT_NO, B2]] });
    const second = await loadOnScreen(admin, D2);
    await expect(second.locator('[data-testid=feed-status-loaded]').count()).resolves.toBe(1);

    // Both runs are in the history, loaded, by the administrator from this screen.
    const runs = admin.locator('[data-testid=feed-runs]');
    for (const date of [D1, D2]) {
      const row = runs.locator(`[data-testid=feed-run-${date}]`).first();
      await row.waitFor();
      await expect(row.locator('[data-testid=feed-status-loaded]').count()).resolves.toBe(1);
      expect(await row.textContent()).toContain('页面加载');
    }
    await admin.context().close();

    // The clerk sees the account's trend and averages on the customer's accounts tab.
    const view = await crm.newPage();
    await crm.login(view, 'sn_entry');
    await view.goto(`/customers/${customerId}?tab=accounts`);
    const chart = view.locator('[data-testid=balance-trend-chart]');
    await chart.waitFor();
    const drawn = chart.locator('svg, canvas').first();
    await drawn.waitFor();
    const box = await drawn.boundingBox();
    expect(box?.width).toBeGreaterThan(0);
    expect(box?.height).toBeGreaterThan(0);

    const deposits = view.locator('[data-testid=daily-averages-deposit-CNY]');
    await deposits.waitFor();
    const text = (await deposits.textContent())!;
    expect(text.match(new RegExp(AVERAGE.replace('.', '\\.'), 'g'))).toHaveLength(3);
    await expect(view.locator('[data-testid=daily-averages]').textContent()).resolves.toContain(D2);
    await view.context().close();

    // The sub-branch head finds the institution's daily averages on the workbench: the demo bank has
    // no other balances, so 市南支行's deposits are this account's — month and quarter (both begin on
    // D1) 2,000.25; year (4000.50 ÷ 275 days to 2 October) 14.547… → 14.55.
    const head = await crm.newPage();
    await crm.login(head, 'sn_head');
    const card = head.locator('[data-testid=institution-averages]');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain(D2);
    const row = (await card.locator('tbody tr').first().textContent())!;
    expect(row).toContain('存款（CNY）');
    expect(row).toContain('3,000.50');
    expect(row.match(/2,000\.25/g)).toHaveLength(2);
    expect(row).toContain('14.55');
    await head.context().close();
  });

  it('changes the account alert settings on their screen, refusing a repeated window before sending it', async () => {
    const page = await crm.newPage();
    await crm.login(page, 'admin');
    await page.goto('/settings/account-alerts');
    const form = page.locator('[data-testid=alert-settings-form]');
    await form.waitFor();
    // antd puts the test id on the <input> itself or on its wrapper, depending on the addons.
    const field = (id: string) => page.locator(`input[data-testid=${id}], [data-testid=${id}] input`).first();
    await expect.poll(() => field('alert-window-0').inputValue()).toBe('30');
    // A third window repeating 7 days is refused on the form, nothing is sent.
    await page.click('[data-testid=alert-window-add]');
    await field('alert-window-2').fill('7');
    await page.click('[data-testid=alert-settings-save]');
    await expect.poll(() => form.textContent()).toContain('提前天数不能重复');
    await field('alert-window-2').fill('15');
    await field('alert-threshold').fill('800000');
    await field('alert-keep-days').fill('45');
    await page.click('[data-testid=alert-settings-save]');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.locator('.ant-message-success').waitFor();
    const admin = await session('admin');
    expect((await admin.get('/api/settings/account-alerts')).body).toEqual({ maturityWindows: [30, 15, 7], largeChangeThreshold: '800000.00', largeChangeKeepDays: 45 });
    await page.context().close();
  });
});
