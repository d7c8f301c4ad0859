// Notifications and delegation in a real browser, on the demo book: the customer manager's bell and
// 我的通知 list show the reminders and alerts the book's jobs and feed raised (kinds certificate.expiry,
// completeness.overdue, alert.*), and marking one read is kept; the review clerk hands his approval
// steps to a colleague on 代理审批, who then finds them in his inbox and approves one on his behalf;
// the administrator's 通知发送记录 lists the deliveries with their kind and masked address. Every
// figure is checked against the API. Screenshots go to .e2e-artifacts/ (the test output).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../src/common/business-date.ts';
import { addDays } from '../src/modules/customers/certificates/certificate.rules.ts';
import { shot, startCrm, type E2E } from './harness.ts';

let crm: E2E;
beforeAll(async () => { crm = await startCrm(); });
afterAll(async () => { await crm?.stop(); });

interface Notification { id: number; kind: string; kindName: string; text: string; readAt: string | null }
interface NotificationPage { total: number; unread: number; items: Notification[] }
const REMINDER_KINDS = ['certificate.expiry', 'completeness.overdue', 'archive.overdue', 'alert.maturity', 'alert.large_change'];

describe('notifications in the browser', () => {
  it('shows the manager his reminders in the bell and in 我的通知, and marking one read is kept', async ({ annotate }) => {
    const mgr = await crm.session('sn_mgr');
    const first = (await mgr.get<NotificationPage>('/api/notifications?page=1&pageSize=20')).body;
    // The book's daily jobs and feed told him of his customers' certificates, gaps and accounts.
    const reminder = first.items.find((n) => REMINDER_KINDS.includes(n.kind) && !n.readAt);
    expect(reminder, JSON.stringify(first.items.map((n) => n.kind))).toBeDefined();
    const page = await crm.newPage();
    await crm.login(page, 'sn_mgr');

    await page.click('[data-testid=notification-bell]');
    const popover = page.locator('.ant-popover');
    await expect.poll(() => popover.textContent()).toContain(first.items[0]!.text);
    await shot(page, 'notifications-bell', annotate, 'the bell: the latest notifications of the customer manager sn_mgr');
    await page.keyboard.press('Escape');

    await page.goto('/notifications');
    const table = page.locator('[data-testid=notifications-table]');
    const row = table.locator('tbody tr.ant-table-row', { hasText: reminder!.text });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(reminder!.kindName);
    const unreadLabel = page.locator('.ant-segmented-item', { hasText: '只看未读' });
    await expect.poll(() => unreadLabel.textContent()).toContain(`(${first.unread})`);
    await shot(page, 'notifications-list', annotate, `我的通知 with a reminder (${reminder!.kindName}) unread`);
    await row.getByRole('button', { name: '标为已读' }).click();
    await expect.poll(() => unreadLabel.textContent()).toContain(`(${first.unread - 1})`);
    await expect.poll(() => row.getByRole('button', { name: '标为已读' }).count()).toBe(0);
    const after = (await mgr.get<NotificationPage>('/api/notifications?page=1&pageSize=20')).body;
    expect(after.unread).toBe(first.unread - 1);
    expect(after.items.find((n) => n.id === reminder!.id)!.readAt).not.toBeNull();
    // Kept after a reload: read on the server, not only on the screen.
    await page.reload();
    await expect.poll(() => table.locator('tbody tr.ant-table-row', { hasText: reminder!.text }).count()).toBe(1);
    expect(await table.locator('tbody tr.ant-table-row', { hasText: reminder!.text }).getByRole('button', { name: '标为已读' }).count()).toBe(0);
    await page.context().close();
  });

  it('lets the review clerk delegate his steps on 代理审批; the colleague sees his to-dos and approves one on his behalf', async ({ annotate }) => {
    const review = await crm.session('sn_review');
    const inbox = (await review.get<{ items: { id: number; type: string; step: number; subject: { label: string } }[] }>('/api/approvals/inbox')).body.items;
    expect(inbox.length).toBeGreaterThan(0);
    const assist = await crm.session('sn_assist');
    expect((await assist.get<{ items: unknown[] }>('/api/approvals/inbox')).body.items).toEqual([]);
    const today = businessToday();
    const until = addDays(today, 3);

    const page = await crm.newPage();
    await crm.login(page, 'sn_review');
    await page.goto('/approvals/delegations');
    await page.fill('#delegateUsername', 'sn_assist');
    const range = page.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(today);
    await range.nth(0).press('Enter');
    await range.nth(1).fill(until);
    await range.nth(1).press('Enter');
    await page.fill('#reason', '年假');
    await page.getByRole('button', { name: '新建代理' }).click();
    const given = page.locator('[data-testid=delegations-table] tbody tr.ant-table-row', { hasText: 'sn_assist' });
    await expect.poll(() => given.textContent()).toContain(`${today} ~ ${until}`);
    expect(await given.textContent()).toContain('生效中');
    await shot(page, 'delegations', annotate, '代理审批: sn_review hands his steps to sn_assist for three days');
    await page.context().close();

    // The colleague's inbox now holds the delegator's steps.
    const delegated = (await assist.get<{ items: { id: number }[] }>('/api/approvals/inbox')).body.items;
    expect(delegated.map((i) => i.id).sort()).toEqual(inbox.map((i) => i.id).sort());
    const other = await crm.newPage();
    await crm.login(other, 'sn_assist');
    await other.goto('/approvals');
    const rows = other.locator('[data-testid=approvals-table] tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(inbox.length);
    const item = inbox.find((i) => i.type === 'customer.delete') ?? inbox[0]!;
    await rows.filter({ hasText: item.subject.label }).click();
    await other.click('[data-testid=approval-approve]');
    await other.fill('[data-testid=approval-reason]', '代杨复核审核无误');
    await other.click('[data-testid=approval-decision-form-ok]');
    await expect.poll(() => rows.count()).toBe(inbox.length - 1);
    // The sub-branch head, whose step comes next, reads who decided step 1 and for whom.
    const detail = (await (await crm.session('sn_head')).get<{ step: number; history: { actor: string; onBehalfOf: string | null; decision: string }[] }>(`/api/approvals/${item.id}`)).body;
    expect(detail.step).toBe(item.step + 1);
    expect(detail.history.at(-1)).toMatchObject({ decision: 'approve', actor: '蒋协办', onBehalfOf: '杨复核' });
    // …and the delegator's inbox no longer holds it.
    expect((await review.get<{ items: { id: number }[] }>('/api/approvals/inbox')).body.items.map((i) => i.id)).not.toContain(item.id);
    await shot(other, 'delegations-approved', annotate, 'sn_assist approved one of sn_review\'s steps on his behalf');
    await other.context().close();
  });

  it('shows the administrator the delivery log with each delivery\'s kind and masked address', async ({ annotate }) => {
    const admin = await crm.session('admin');
    const log = (await admin.get<{ total: number; items: { id: number; kindName: string; address: string; recipient: string; status: string }[] }>('/api/notifications/deliveries?page=1&pageSize=20')).body;
    expect(log.total).toBeGreaterThan(0);
    const first = log.items[0]!;
    expect(first.address).toMatch(/\*\*\*/);
    const page = await crm.newPage();
    await crm.login(page, 'admin');
    await page.goto('/notifications/deliveries');
    const row = page.locator('[data-testid=deliveries-table] tbody tr.ant-table-row').first();
    await expect.poll(() => row.textContent()).toContain(first.recipient);
    expect(await row.textContent()).toContain(first.kindName);
    expect(await row.textContent()).toContain(first.address);
    await expect.poll(() => page.locator('.ant-pagination-total-text').textContent()).toContain(String(log.total));
    await shot(page, 'notification-deliveries', annotate, '通知发送记录: each e-mail with its kind, masked address and status');
    await page.context().close();
  });
});
