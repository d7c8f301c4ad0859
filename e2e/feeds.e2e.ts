// Acceptance of the daily feed's screens in a real browser (ACC-5, ACC-4): the head-office
// administrator finds the demo book's 90 days in the feed history, with the refused first delivery
// and its rejected row; loads today — the day after the book ends — from the inbox, which opens an
// account for one of sn_mgr's customers that sn_mgr then sees; and changes the alert settings.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { businessToday } from '../src/common/business-date.ts';
import { startCrm, type E2E } from './harness.ts';

const inbox = mkdtempSync(join(tmpdir(), 'crm-e2e-inbox-'));
let crm: E2E;
beforeAll(async () => { crm = await startCrm({ CRM_FEED_INBOX: inbox }); });
afterAll(async () => { await crm?.stop(); rmSync(inbox, { recursive: true, force: true }); });

interface FeedRun { id: number; businessDate: string; status: string; trigger: string; rejectedTotal: number }

// The book's feed ends yesterday: today is the next day the core would deliver. The account
// number is outside the book's ranges (622188…, 8…), so the day opens it.
const TODAY = businessToday();
const ACCOUNT_NO = '6222020000000077001';
const PRODUCT_ID = '1010000002'; // 个人活期储蓄 of the book's catalogue
const BALANCE = '3000.50';

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
  await expect.poll(() => result.textContent().catch(() => ''), { timeout: 60_000 }).toContain(`${date} 的加载结果`);
  return result;
}

describe('daily feed screens in the browser', () => {
  it('shows the book\'s feed history with the refused first delivery and its rejected row', async () => {
    const admin = await crm.session('admin');
    const runs = (await admin.get<{ total: number; items: FeedRun[] }>('/api/feeds?page=1&pageSize=100')).body;
    const refused = runs.items.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(runs.items.filter((r) => r.status === 'loaded')).toHaveLength(runs.total - 1);
    const [bad] = refused;
    const rejected = (await admin.get<{ items: { file: string; line: number; field: string; message: string }[] }>(`/api/feeds/${bad!.id}/rejected`)).body.items;
    expect(rejected).toHaveLength(1);

    const page = await crm.newPage();
    await crm.login(page, 'admin');
    await page.goto('/feeds');
    const history = page.locator('[data-testid=feed-runs]');
    await expect.poll(() => page.locator('.ant-pagination-total-text').textContent()).toContain(`共 ${runs.total} 条`);
    // The refused delivery and the corrected one that loaded after it, both on that date.
    const day = history.locator(`[data-testid=feed-run-${bad!.businessDate}]`);
    await expect.poll(() => day.count()).toBe(2);
    await expect(day.nth(0).locator('[data-testid=feed-status-loaded]').count()).resolves.toBe(1);
    await expect(day.nth(1).locator('[data-testid=feed-status-rejected]').count()).resolves.toBe(1);
    // What the refused delivery read is marked as not written; the loaded one's counts are not.
    expect(await day.nth(1).locator('[data-testid=feed-counts-not-applied]').textContent()).toContain('已读取，未写入');
    await expect(day.nth(0).locator('[data-testid=feed-counts-not-applied]').count()).resolves.toBe(0);
    await day.nth(1).locator('.ant-table-row-expand-icon').click();
    const row = page.locator(`[data-testid=feed-rejected-${bad!.id}] tbody tr.ant-table-row`);
    await expect.poll(() => row.locator('td').allTextContents())
      .toEqual([rejected[0]!.file, String(rejected[0]!.line), rejected[0]!.field, rejected[0]!.message]);
    await page.context().close();
  });

  it('loads today from the inbox on the feed screen; the new account reaches its manager', async () => {
    const mgr = await crm.session('sn_mgr');
    const customer = (await mgr.get<{ items: { id: number; customerNo: string }[] }>('/api/customers?kind=personal&pageSize=1')).body.items[0]!;
    const before = (await mgr.get<{ items: { openedOn: string }[] }>(`/api/customers/${customer.id}/accounts`)).body.items;

    const { displayName } = (await (await crm.session('admin')).get<{ displayName: string }>('/api/me')).body;
    const admin = await crm.newPage();
    await crm.login(admin, 'admin');
    await admin.goto('/feeds');
    await admin.locator('[data-testid=feed-load-button]').waitFor();
    writeInboxDay(TODAY, {
      accounts: [[ACCOUNT_NO, customer.customerNo, PRODUCT_ID, 'DD', 'CNY', '0101', TODAY.replaceAll('-', ''), '', 'A', BALANCE, '0.3500', '', '', '', '', '']],
      balances: [[ACCOUNT_NO, BALANCE]],
    });
    const result = await loadOnScreen(admin, TODAY);
    await expect(result.locator('[data-testid=feed-status-loaded]').count()).resolves.toBe(1);
    expect(await result.textContent()).toContain('新开账户 1');
    // Newest first: today's run heads the history, loaded by the administrator from this screen.
    const top = admin.locator('[data-testid=feed-runs] tbody tr.ant-table-row').first();
    await expect.poll(() => top.getAttribute('data-testid')).toBe(`feed-run-${TODAY}`);
    expect(await top.textContent()).toMatch(new RegExp(`已加载页面加载${displayName}`));
    await admin.context().close();

    const after = (await mgr.get<{ items: { openedOn: string; balance: string; productId: string }[] }>(`/api/customers/${customer.id}/accounts`)).body.items;
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((a) => a.openedOn === TODAY)).toEqual([expect.objectContaining({ balance: BALANCE, productId: PRODUCT_ID })]);
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
    // Wait for the server's answer itself, so a failure says whether the PUT went out and what came
    // back (a CI run once missed the toast alone on a loaded machine).
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/settings/account-alerts') && r.request().method() === 'PUT');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    expect((await saved).status()).toBe(200);
    await page.locator('.ant-message-success').waitFor();
    const admin = await crm.session('admin');
    expect((await admin.get('/api/settings/account-alerts')).body).toEqual({ maturityWindows: [30, 15, 7], largeChangeThreshold: '800000.00', largeChangeKeepDays: 45 });
    await page.context().close();
  });
});
