// Images and completeness in a real browser on the demo book: the entry clerk of 市南支行 opens a
// customer's 影像 tab, sees the latest business-licence scan, previews it, imports a new scan (the
// latest changes), picks an account to see that account's scans; the completeness card shows a
// percentage; the overdue list shows the demo's new customers. Screenshots go to .e2e-artifacts/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePng } from '../src/modules/images/sample-scans.ts';
import { startCrm, type E2E } from './harness.ts';

const OUT = '.e2e-artifacts';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); mkdirSync(OUT, { recursive: true }); });
afterAll(async () => { await crm?.stop(); });

interface ImageList { latest: { id: number; certType: string | null; imageNo: string; accountId: number | null }[]; all: unknown[] }

describe('images and completeness in the browser', () => {
  it('shows the latest scan per type, previews it, imports a new one and filters by account', async () => {
    const entry = await crm.session('sn_entry');
    const customers = (await entry.get<{ items: { id: number; kind: string }[] }>('/api/customers?kind=corporate&sort=newest&order=asc&pageSize=50')).body.items;
    let customerId = 0;
    let list: ImageList | undefined;
    for (const c of customers) {
      const r = (await entry.get<ImageList>(`/api/customers/${c.id}/images`)).body;
      if (r.latest.some((i) => i.certType === '01') && r.latest.some((i) => i.accountId)) { customerId = c.id; list = r; break; }
    }
    expect(customerId).toBeGreaterThan(0);
    const page = await crm.newPage();
    await crm.login(page, 'sn_entry');
    await page.goto(`/customers/${customerId}?tab=images`);
    const latest01 = page.locator('[data-testid=image-latest-01]');
    await expect.poll(() => latest01.textContent()).toContain(list!.latest.find((i) => i.certType === '01')!.imageNo);
    await expect.poll(() => page.locator('[data-testid=completeness-percent]').count()).toBe(1);
    await latest01.getByRole('button').click();
    const img = page.locator('.ant-modal-body img').first();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: `${OUT}/images-preview.png` });
    await page.keyboard.press('Escape');

    const before = (await entry.get<ImageList>(`/api/customers/${customerId}/images`)).body.all.length;
    await page.setInputFiles('[data-testid=images-tab] input[type=file]', { name: '补扫件.png', mimeType: 'image/png', buffer: samplePng(200, 120, [90, 160, 90]) });
    await expect.poll(async () => (await entry.get<ImageList>(`/api/customers/${customerId}/images`)).body.all.length).toBe(before + 1);
    await expect.poll(() => page.locator('[data-testid=images-tab] .ant-table-tbody tr.ant-table-row').count()).toBe(Math.min(before + 1, 10));
    await expect.poll(() => page.locator('[data-testid=image-latest-other]').textContent()).toContain('补扫件.png');
    await page.screenshot({ path: `${OUT}/images-tab.png`, fullPage: true });

    // The account's own view: only that account's scans.
    await page.click('[data-testid=images-account]');
    await page.locator('.ant-select-item-option').nth(1).click();
    await expect.poll(() => page.locator('[data-testid=image-latest-01]').count()).toBe(0);
    await page.context().close();
  });

  it('lists overdue new customers on the completeness screen', async () => {
    const page = await crm.newPage();
    await crm.login(page, 'sn_entry');
    await page.goto('/completeness/overdue');
    await expect.poll(() => page.locator('[data-testid=completeness-overdue] .ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${OUT}/completeness-overdue.png` });
    await page.context().close();
  });
});
