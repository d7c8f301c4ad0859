// The feed-inbox job (PLAT-5): every 10 minutes in the morning it loads, oldest first, each
// business date whose folder is complete in CRM_FEED_INBOX (control file present) and newer than
// the last loaded day. A rejected day stops the run — later days wait for it — and is reported on
// the feed history screen; the next run tries again once the folder is replaced.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/database.ts';
import { controlFileName } from './read-file.ts';
import { rootSystemActor } from '../auth/actor.queries.ts';
import { feedInbox, inboxFolder, loadFeed, pendingInboxDates } from './feed.service.ts';

export async function loadInbox(db: Database): Promise<Record<string, unknown>> {
  const inbox = feedInbox();
  if (!inbox) return { inbox: null, loaded: [] };
  const system = await rootSystemActor(db);
  const loaded: string[] = [];
  for (const date of await pendingInboxDates(db, inbox)) {
    // A folder refused and not replaced since would only be refused again every 10 minutes.
    const last = await db.selectFrom('feed_run').select(['status', 'started_at']).where('business_date', '=', date).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const ctl = statSync(join(inboxFolder(inbox, date), controlFileName(date)));
    if (last && last.status !== 'loaded' && ctl.mtime < new Date(last.started_at)) return { inbox, loaded, waitingFor: date };
    const r = await loadFeed(db, system, inboxFolder(inbox, date), date, 'inbox');
    if (r.status !== 'loaded') return { inbox, loaded, stoppedAt: date, status: r.status, runId: r.runId };
    loaded.push(date);
  }
  return { inbox, loaded };
}
