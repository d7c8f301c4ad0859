// Customer information under review (CIF-40) in a real browser, on the demo book: the entry clerk
// renames a company, confirms "entry complete" and is told it went to review; the customer view
// still shows the old name with the pending field; the review clerk sees old → new in the drawer
// and approves; the customer view shows the new name, and its history the maker and the checker.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrm, type E2E } from './harness.ts';

const OUT = '.e2e-artifacts';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); mkdirSync(OUT, { recursive: true }); });
afterAll(async () => { await crm?.stop(); });

describe('customer information under review in the browser', () => {
  it('keeps a company\'s new name pending until 信息复核岗 approves it; then the history names maker and checker', async () => {
    const entry = await crm.session('sn_entry');
    // A company of 市南支行 with nothing under review (the demo book's deletions and entries are).
    const list = (await entry.get<{ items: { id: number; kind: string; name: string }[] }>('/api/customers?kind=corporate&pageSize=50')).body.items;
    let target: { id: number; name: string } | undefined;
    for (const c of list) {
      const open = (await entry.get<{ items: unknown[] }>(`/api/approvals/open?subjectType=customer&subjectId=${c.id}`)).body.items;
      if (!open.length) { target = c; break; }
    }
    expect(target).toBeDefined();
    const oldName = target!.name;
    const newName = `${oldName.slice(0, 80)}（更名）`;

    const page = await crm.newPage();
    await crm.login(page, 'sn_entry');
    await page.goto(`/customers/${target!.id}/edit`);
    await expect.poll(() => page.locator('[data-testid=review-hint]').textContent()).toContain('名称');
    await page.fill('[data-testid=customer-form-name]', newName);
    await page.click('[data-testid=customer-form-save]');
    const confirm = page.locator('.ant-modal-confirm');
    await expect.poll(() => confirm.textContent()).toContain('客户信息录入完成？');
    await page.screenshot({ path: `${OUT}/information-review-confirm.png` });
    await confirm.locator('.ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已提交复核');
    await page.waitForURL(new RegExp(`/customers/${target!.id}$`));
    await expect.poll(() => page.locator('[data-testid=pending-fields]').textContent()).toContain('名称');
    await expect(page.locator('[data-testid=customer-name]').textContent()).resolves.toBe(oldName);
    await page.screenshot({ path: `${OUT}/information-review-pending.png` });
    await page.context().close();

    const review = await crm.newPage();
    await crm.login(review, 'sn_review');
    await review.goto('/approvals');
    const row = review.locator('[data-testid=approvals-table] tbody tr.ant-table-row', { hasText: oldName });
    await row.first().click();
    const changes = review.locator('[data-testid=approval-drawer] [data-testid=approval-changes] tbody tr');
    await expect.poll(() => changes.allTextContents()).toEqual([`名称${oldName}${newName}`]);
    await review.screenshot({ path: `${OUT}/information-review-drawer.png` });
    await review.click('[data-testid=approval-approve]');
    await review.click('[data-testid=approval-decision-form-ok]');
    await expect.poll(() => review.locator('.ant-message').textContent()).toContain('已同意');
    await review.goto(`/customers/${target!.id}`);
    await expect.poll(() => review.locator('[data-testid=customer-name]').textContent()).toBe(newName);
    await review.getByRole('tab', { name: '变更历史' }).click();
    await expect.poll(() => review.locator('[data-testid=customer-history]').textContent()).toContain('经办 韩录入，复核 杨复核');
    await review.screenshot({ path: `${OUT}/information-review-history.png` });
    await review.context().close();
  });
});
