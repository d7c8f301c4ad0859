// Crisis early warning (WARN-1…4, docs/early-warning.md) in a real browser on the demo book: the
// demo's feed days slide three of sn_mgr's customers towards leaving, and the last day raises a red
// warning for the one who closed every account — in sn_mgr's inbox and on the warning list. He
// records analysis, contact, measures and the result (retained) in the drawer; his head, sn_head,
// confirms and closes it. Screenshots go to .e2e-artifacts/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrm, type E2E } from './harness.ts';

const OUT = '.e2e-artifacts';
let crm: E2E;
beforeAll(async () => { crm = await startCrm(); mkdirSync(OUT, { recursive: true }); });
afterAll(async () => { await crm?.stop(); });

interface Item { id: number; level: string; status: string; raisedOn: string; customer: { name: string }; managerName: string | null }

describe('crisis warnings', () => {
  it('a red warning reaches the manager after the feed day; he records contact and measures; his head closes it as retained', async () => {
    const mgr = await crm.session('sn_mgr');
    const reds = (await mgr.get<{ total: number; items: Item[] }>('/api/warnings?level=red&pageSize=200')).body;
    expect(reds.total).toBeGreaterThanOrEqual(1);
    // The one the last feed day raised (older ones are past the 30 days of news: on the list, not messaged).
    const latest = reds.items.map((i) => i.raisedOn).sort().at(-1);
    const red = reds.items.find((i) => i.raisedOn === latest)!;
    // The workbench inbox has it (kind warning.red), from the feed day that raised it.
    const inbox = (await mgr.get<{ items: { kind: string; entityId: string | null }[] }>('/api/notifications?pageSize=100')).body;
    expect(inbox.items.some((n) => n.kind === 'warning.red' && n.entityId === String(red.id))).toBe(true);

    const page = await crm.newPage('zh-CN');
    await crm.login(page, 'sn_mgr');
    await page.goto('/warnings');
    await page.locator('[data-testid=warnings-page]').getByText(red.customer.name).first().waitFor();
    await page.locator('tr', { hasText: red.customer.name }).first().click();
    const drawer = page.locator('[data-testid=warning-drawer]');
    await expect.poll(() => drawer.locator('[data-testid=warning-level]').textContent()).toContain('红色预警');
    await expect.poll(() => drawer.locator('[data-testid=warning-factors]').textContent()).toContain('关系终止');
    await drawer.locator('[data-testid=warning-score-chart] svg').first().waitFor();
    await page.screenshot({ path: `${OUT}/warnings-red-drawer.png` });

    const form = drawer.locator('[data-testid=disposal-form]');
    for (const note of ['客户经营调整，资金转往他行', '电话联系财务负责人，约定面谈', '上门拜访，提供优惠利率与代发工资方案']) {
      await form.locator('input[placeholder="处置说明"]').fill(note);
      await form.getByRole('button', { name: '登记' }).click();
      await expect.poll(() => drawer.textContent()).toContain(note);
    }
    await form.locator('.ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: '挽留成功' }).click();
    await form.locator('input[placeholder="处置说明"]').fill('客户同意回流结算账户');
    await form.getByRole('button', { name: '登记' }).click();
    await expect.poll(() => drawer.locator('[data-testid=warning-status]').textContent()).toBe('待负责人确认');
    await page.screenshot({ path: `${OUT}/warnings-resolved.png` });

    const head = await crm.newPage('zh-CN');
    await crm.login(head, 'sn_head');
    await head.goto('/warnings');
    await head.locator('.ant-segmented-item', { hasText: '待负责人确认' }).click();
    await head.locator('tr', { hasText: red.customer.name }).first().click();
    const hd = head.locator('[data-testid=warning-drawer]');
    await hd.locator('[data-testid=warning-close]').click();
    await expect.poll(() => hd.locator('[data-testid=warning-status]').textContent()).toBe('已关闭');
    await head.screenshot({ path: `${OUT}/warnings-closed.png` });

    const closed = (await mgr.get<{ status: string; result: string; events: { kind: string }[] }>(`/api/warnings/${red.id}`)).body;
    expect(closed).toMatchObject({ status: 'closed', result: 'retained' });
    expect(closed.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['raised', 'analysis', 'contact', 'measures', 'resolved', 'closed']));
  }, 180_000);
});
