// Acceptance of the foundation in a real browser: data scope on the institution tree, an
// administrator opening an institution and a user who must change the initial password, and
// the lockout after five wrong passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
}

describe('foundation in the browser', () => {
  it('a sub-branch head sees only the sub-branch and its team in the institution tree', async () => {
    const page = await crm.newPage();
    await login(page, 'sn_head');
    await page.waitForURL(`${crm.baseUrl}/`);
    await page.goto('/institutions');
    const tree = page.locator('[data-testid=institution-tree]');
    await tree.locator('[data-testid=institution-node-0101]').waitFor();
    await expect(tree.locator('[data-testid=institution-node-0111]').count()).resolves.toBe(1);
    for (const outside of ['0001', '0100', '0102', '0103', '0200', '0201']) {
      await expect(tree.locator(`[data-testid=institution-node-${outside}]`).count()).resolves.toBe(0);
    }
    // Nor through the API behind the screen.
    const other = await page.evaluate(async () => (await fetch('/api/institutions?status=all')).json());
    expect(other.map((i: { code: string }) => i.code).sort()).toEqual(['0101', '0111']);
    await page.context().close();
  });

  it('an administrator opens an institution and a user; the user must change the initial password', async () => {
    const page = await crm.newPage();
    await login(page, 'admin');
    await page.waitForURL(`${crm.baseUrl}/`);

    await page.goto('/institutions');
    await page.click('[data-testid=institution-node-0101]');
    await page.click('[data-testid=institution-add-child]');
    await page.fill('[data-testid=institution-form-code]', 'E2E1');
    await page.fill('[data-testid=institution-form-name]', '营销二队');
    await page.locator('[data-testid=institution-form-kind] input[value=marketing]').check();
    await page.click('[data-testid=institution-form-ok]');
    await page.locator('[data-testid=institution-node-E2E1]').waitFor();

    await page.goto('/users');
    await page.click('[data-testid=user-add]');
    await page.fill('[data-testid=user-form-username]', 'e2e_newbie');
    await page.fill('[data-testid=user-form-displayName]', '新员工');
    await page.click('[data-testid=user-form-homeInstitution]');
    await page.locator('.ant-select-tree-title', { hasText: 'E2E1 营销二队' }).first().click();
    await page.click('[data-testid=user-form-ok]');
    const initial = (await page.locator('[data-testid=initial-password]').textContent())!.trim();
    expect(initial.length).toBeGreaterThanOrEqual(8);

    const fresh = await crm.newPage();
    await login(fresh, 'e2e_newbie', initial);
    await fresh.waitForURL(`${crm.baseUrl}/change-password`);
    // Every other page leads back to the password change.
    await fresh.goto('/users');
    await fresh.waitForURL(`${crm.baseUrl}/change-password`);
    await fresh.fill('[data-testid=cp-current]', initial);
    await fresh.fill('[data-testid=cp-new]', 'Welcome#2026');
    await fresh.fill('[data-testid=cp-confirm]', 'Welcome#2026');
    await fresh.click('[data-testid=cp-submit]');
    await fresh.waitForURL(`${crm.baseUrl}/`);
    const me = await fresh.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ username: 'e2e_newbie', mustChangePassword: false, homeInstitution: { name: '营销二队' } });
    await page.context().close();
    await fresh.context().close();
  });

  it('five wrong passwords lock the account; by default the answer never tells a wrong password, a locked account or an unknown name apart', async () => {
    const page = await crm.newPage();
    const error = () => page.locator('[data-testid=login-error]').textContent();
    for (let i = 1; i <= 5; i++) {
      await login(page, 'lx_mgr', `Wrong#${i}xyz`);
      await expect(error()).resolves.toMatch(/用户名或密码错误.*连续输错 5 次.*15 分钟/);
    }
    const answer = await error();
    // Locked means locked: the right password is refused too, with the same words as a stranger gets.
    await login(page, 'lx_mgr');
    await expect(error()).resolves.toBe(answer);
    await login(page, 'lx_nobody', 'Wrong#1xyz');
    await expect(error()).resolves.toBe(answer);
    expect(page.url()).toContain('/login');
    await page.context().close();
  });
});
