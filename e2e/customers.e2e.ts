// Acceptance of the customer pages in a real browser: an entry clerk opens a personal customer
// (the server's GB 11643 check-digit error appears under the ID number field, in Chinese),
// finds it again by the pinyin initials of the name and opens its view; a reviewer reveals the
// masked ID number, and the audit log holds that reveal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { residentIdCheckDigit } from '../src/common/validators/resident-id.ts';
import { startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

/** The error text under the form item that holds `control`. */
const errorUnder = (page: Page, control: string) =>
  page.locator('.ant-form-item', { has: page.locator(control) }).locator('.ant-form-item-explain-error');

// A man born 1988-03-15 in 青岛市市南区 (sequence 123: odd, male).
const FIRST17 = '37020219880315123';
const CHECK = residentIdCheckDigit(FIRST17)!;
const VALID_ID = FIRST17 + CHECK;
const WRONG_ID = FIRST17 + (CHECK === '0' ? '1' : '0');
const NAME = '欧阳明月';
const INITIALS = 'oymy';

describe('customers in the browser', () => {
  it('opens, finds and views a personal customer; a reviewer reveals the ID number and the reveal is audited', async () => {
    const entry = await crm.newPage();
    await crm.login(entry, 'sn_entry');
    await entry.goto('/customers');
    await entry.click('[data-testid=customer-new-personal]');
    await entry.waitForURL(/\/customers\/new\/personal$/);

    await entry.fill('[data-testid=customer-form-name]', NAME);
    await entry.fill('[data-testid=customer-form-idNumber-0]', WRONG_ID);
    await entry.click('[data-testid=customer-form-save]');
    const idError = errorUnder(entry, '[data-testid=customer-form-idNumber-0]');
    await idError.waitFor();
    await expect(idError.textContent()).resolves.toBe('身份证号码校验位不正确，请核对');
    expect(entry.url()).toMatch(/\/customers\/new\/personal$/);
    // Refused means nothing was opened.
    const none = await entry.evaluate(async (q) => (await fetch(`/api/customers?q=${q}&status=all`)).json(), INITIALS);
    expect(none.total).toBe(0);

    await entry.fill('[data-testid=customer-form-idNumber-0]', VALID_ID);
    // The error goes with the change; the server decides again on save.
    await expect.poll(() => idError.count()).toBe(0);
    await entry.click('[data-testid=customer-form-save]');
    await entry.waitForURL(/\/customers\/\d+$/);
    const id = Number(new URL(entry.url()).pathname.split('/').pop());
    const customerNo = (await entry.locator('[data-testid=customer-no]').textContent())!.trim();
    expect(customerNo).toMatch(/^\d{11}$/);
    await expect(entry.locator('[data-testid=customer-name]').textContent()).resolves.toBe(NAME);
    // Masked for the clerk, who may not reveal it: no eye button.
    const masked = (await entry.locator('[data-testid=header-id-number]').textContent())!;
    expect(masked).toContain('*');
    expect(masked).not.toBe(VALID_ID);
    await expect(entry.locator('[data-testid=header-id-number-reveal]').count()).resolves.toBe(0);

    // Found again by the pinyin initials of the name.
    await entry.goto('/customers');
    const search = entry.locator('input[data-testid=customer-search], [data-testid=customer-search] input').first();
    await search.fill(INITIALS);
    await search.press('Enter');
    // Among the demo book's customers of 市南支行 the new one is the only match.
    await entry.waitForURL(new RegExp(`[?&]q=${INITIALS}`));
    await expect.poll(() => entry.locator('[data-testid=customer-results] tbody tr.ant-table-row').count()).toBe(1);
    const link = entry.locator(`[data-testid=customer-link-${customerNo}]`);
    await link.waitFor();
    await link.click();
    await entry.waitForURL(`${crm.baseUrl}/customers/${id}`);
    await expect(entry.locator('[data-testid=customer-name]').textContent()).resolves.toBe(NAME);
    await entry.context().close();

    // The reviewer sees the masked number and reveals it; the page says the reveal is recorded.
    const review = await crm.newPage();
    await crm.login(review, 'sn_review');
    await review.goto(`/customers/${id}`);
    const number = review.locator('[data-testid=header-id-number]');
    await number.waitFor();
    expect(await number.textContent()).toBe(masked);
    await review.click('[data-testid=header-id-number-reveal]');
    await expect.poll(() => number.textContent()).toBe(VALID_ID);
    await expect(review.locator('.ant-message').textContent()).resolves.toContain('已记入审计日志');
    await review.context().close();

    // The auditor finds the reveal in the audit log: who, which customer, which field.
    const audit = await crm.newPage();
    await crm.login(audit, 'auditor');
    const log = await audit.evaluate(async () => (await fetch('/api/audit?action=customer.sensitive.reveal')).json());
    const rows = (log.items as { actorName: string; entityType: string; entityId: string; after: { field: string } }[])
      .filter((r) => r.entityType === 'customer' && r.entityId === String(id));
    expect(rows).toEqual([expect.objectContaining({ actorName: 'sn_review', after: { field: 'identities.0.idNumber' } })]);
    await audit.context().close();
  });

  it('imports a file in the background: progress, the result, and the run kept under recent imports', async () => {
    const ids = ['19770707901', '19770708902'].map((x) => { const body = `370202${x.slice(0, 8)}${x.slice(8)}`; return body + residentIdCheckDigit(body); });
    const csv = ['name,idType1,idNumber1', `后台甲,10,${ids[0]}`, `后台乙,10,${ids[1]}`].join('\n');
    const page = await crm.newPage();
    await crm.login(page, 'sn_entry');
    await page.goto('/customers');
    await page.click('[data-testid=customer-import]');
    const modal = page.locator('[data-testid=customer-import-modal]');
    await modal.locator('input[type=file]').setInputFiles({ name: '后台导入.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('[data-testid=customer-import-check]');
    await expect.poll(() => modal.locator('[data-testid=customer-import-ok]').textContent(), { timeout: 15_000 }).toContain('检查通过：共 2 行');
    await page.click('[data-testid=customer-import-run]');
    await expect.poll(() => modal.locator('[data-testid=customer-import-ok]').textContent(), { timeout: 15_000 }).toMatch(/已导入 2 位客户，客户号 \d{11} 至 \d{11}/);
    // Both runs are listed, newest first: the import, then the check.
    const recent = modal.locator('[data-testid=customer-import-recent] tbody tr.ant-table-row');
    await expect.poll(() => recent.count()).toBeGreaterThanOrEqual(2);
    await expect(recent.nth(0).textContent()).resolves.toContain('完成');
    await expect(recent.nth(1).textContent()).resolves.toContain('检查');

    // A file with a bad check digit: every error listed, nothing imported; the clerk closes the
    // dialog and finds the run again when he comes back.
    const bad = ['name,idType1,idNumber1', `后台丙,10,${ids[0]!.slice(0, 17)}${ids[0]!.endsWith('0') ? '1' : '0'}`].join('\n');
    await modal.locator('input[type=file]').setInputFiles({ name: '有错.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.click('[data-testid=customer-import-run]');
    await expect.poll(() => modal.locator('[data-testid=import-rejected]').textContent(), { timeout: 15_000 }).toContain('未导入任何数据');
    await page.click('[data-testid=customer-import-close]');
    await expect.poll(() => page.locator('[data-testid=customer-import-modal]').count()).toBe(0);
    await page.click('[data-testid=customer-import]');
    const again = page.locator('[data-testid=customer-import-recent] tbody tr.ant-table-row');
    await expect.poll(() => again.nth(0).textContent()).toContain('有错.csv');
    await again.nth(0).locator('button').click();
    await expect.poll(() => page.locator('[data-testid=import-rejected]').textContent()).toContain('1 处错误');
    await page.context().close();
  });
});
