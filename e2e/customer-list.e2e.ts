// Acceptance of the customer list (issue 12, item 4) at 1366×768, in zh-CN and en-US: the head
// office's head pages past 200 customers of the demo book (keyset pages, the count on top, no row
// twice) and ranks them by deposit balance by clicking the column; the page shows what the API
// gives, in the same order. Screenshots go to .e2e-artifacts/ and are attached to the test.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

const OUT = '.e2e-artifacts';
type ListPage = { total: number | null; nextCursor: string | null; items: { customerNo: string; depositBalance: string | null }[] };

const shownNumbers = (page: Page) => page.locator('[data-testid=customer-results] tbody tr.ant-table-row [data-testid^=customer-link-]').allTextContents();
const HEADER = { 'zh-CN': { balance: '存款余额', total: /^共 (\d[\d,]*) 条$/, page: '第 3 页' }, 'en-US': { balance: 'Deposits', total: /^(\d[\d,]*)/, page: 'Page 3' } } as const;

describe.each(['zh-CN', 'en-US'] as const)('the customer list in %s', (lang) => {
  it('pages past 200 and sorts by balance', async ({ annotate }) => {
    const head = await crm.session('hq_head');
    const first = (await head.get<ListPage>('/api/customers?pageSize=100')).body;
    expect(first.total).toBeGreaterThan(300);

    const page = await crm.newPage(lang);
    await crm.login(page, 'hq_head');
    await page.goto('/customers?pageSize=100');
    const total = page.locator('[data-testid=customer-total]');
    await expect.poll(() => total.textContent()).toMatch(HEADER[lang].total);
    expect(Number((await total.textContent())!.replace(/\D/g, ''))).toBe(first.total);

    // Pages 1 to 3: rows 1–300 of the list, none twice, page 3 as the API's third page.
    const seen: string[] = [];
    for (let n = 1; n <= 3; n++) {
      if (n > 1) {
        const before = (await shownNumbers(page))[0];
        await page.click('[data-testid=customer-next]');
        await expect.poll(async () => (await shownNumbers(page))[0]).not.toBe(before);
      }
      await expect.poll(async () => (await shownNumbers(page)).length).toBe(100);
      seen.push(...await shownNumbers(page));
    }
    await expect(page.locator('[data-testid=customer-page]').textContent()).resolves.toBe(HEADER[lang].page);
    expect(new Set(seen).size).toBe(300);
    let cursor = first.nextCursor!;
    const second = (await head.get<ListPage>(`/api/customers?pageSize=100&after=${encodeURIComponent(cursor)}`)).body;
    cursor = second.nextCursor!;
    const third = (await head.get<ListPage>(`/api/customers?pageSize=100&after=${encodeURIComponent(cursor)}`)).body;
    expect(seen.slice(200)).toEqual(third.items.map((c) => c.customerNo));

    // Ranked by deposit balance, largest first, by a click on the column.
    await page.locator('.ant-table-thead th', { hasText: HEADER[lang].balance }).first().click();
    await page.waitForURL(/[?&]sort=balance/);
    const ranked = (await head.get<ListPage>('/api/customers?pageSize=100&sort=balance&order=desc')).body.items;
    await expect.poll(() => shownNumbers(page)).toEqual(ranked.map((c) => c.customerNo));
    const balances = ranked.map((c) => Number(c.depositBalance ?? 0));
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
    expect(balances[0]).toBeGreaterThan(0);
    await expect(page.locator('[data-testid=customer-page]').textContent()).resolves.not.toBe(HEADER[lang].page);

    mkdirSync(OUT, { recursive: true });
    const path = `${OUT}/customer-list-${lang}.png`;
    await page.screenshot({ path });
    await annotate(`customer list sorted by balance (${lang}, 1366×768)`, { path, contentType: 'image/png' });
    // No horizontal loss at 1366 px with the default columns.
    const overflow = await page.locator('[data-testid=customer-results] .ant-table-content, [data-testid=customer-results] .ant-table-body').first()
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);

    await page.context().close();
  });
});
