// The sender as a job of the jobs runner (src/server/jobs.ts): its advisory lock keeps two app
// instances from running it at once; `for update skip locked` and the lease (notification.sender.ts)
// keep them apart even if they did. The channels come from the environment, read once.
import type { Database } from '../../db/database.ts';
import { channelsFromEnv, type Channels } from './channels.ts';
import { sendDueNotifications } from './notification.sender.ts';

let channels: Channels | null = null;

export async function notificationSenderJob(db: Database): Promise<Record<string, unknown>> {
  channels ??= channelsFromEnv();
  return sendDueNotifications(db, channels);
}
