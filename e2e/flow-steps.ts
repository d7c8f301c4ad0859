// The browser steps of a document-transfer flow that several e2e files walk through: the
// sub-branch opens a flow for an account and confirms it; the centre receives it from its to-dos.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** On 单证传递: a new flow for `accountNo`; waits for the account name. Returns the form. */
export async function newFlowFor(page: Page, accountNo: string, accountName: string): Promise<Locator> {
  await page.goto('/documents/flows');
  await page.click('[data-testid=flow-new]');
  const form = page.locator('[data-testid=flow-form]');
  await form.locator('[data-testid=flow-account-no] input').fill(accountNo);
  await form.locator('[data-testid=flow-account-lookup]').click();
  await expect.poll(() => form.locator('[data-testid=flow-account-name]').inputValue()).toBe(accountName);
  return form;
}

/** Saves the open flow form and confirms the submission ("是否确认提交？"). Returns the flow number. */
export async function saveAndSubmit(page: Page): Promise<string> {
  await page.click('[data-testid=flow-form-ok]');
  const drawer = page.locator('[data-testid=flow-drawer]');
  await expect.poll(() => drawer.locator('.ant-drawer-title').textContent()).toMatch(/\d{4}01\d{4}$/);
  const flowNo = (await drawer.locator('.ant-drawer-title').textContent())!.split(' ').pop()!;
  await drawer.locator('[data-testid=flow-submit]').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect.poll(() => drawer.locator('.ant-descriptions').textContent()).toContain('已提交');
  return flowNo;
}

/** The centre clerk finds the receipt to-do of `flowNo`, opens it and receives the paper. Returns the drawer. */
export async function receiveFromTodos(centre: Page, flowNo: string, screenshot?: string): Promise<Locator> {
  await centre.goto('/documents/todos');
  const receipt = centre.locator('tr.ant-table-row', { hasText: flowNo });
  await expect.poll(() => receipt.count()).toBe(1);
  if (screenshot) await centre.screenshot({ path: screenshot });
  await receipt.click();
  const drawer = centre.locator('[data-testid=flow-drawer]');
  await drawer.locator('[data-testid=flow-accept]').click();
  await centre.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect.poll(() => drawer.locator('.ant-descriptions').textContent()).toContain('已接收');
  return drawer;
}
