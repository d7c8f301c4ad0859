// The bank's calendar date. Business dates (effective dates, joining dates, "today" in every
// rule) follow the bank's time zone, not UTC and not the server's: between 00:00 and 08:00 in
// Beijing the UTC date is still yesterday. CRM_TIMEZONE overrides the default for banks abroad.
const zone = process.env.CRM_TIMEZONE || 'Asia/Shanghai';
const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in the bank's time zone, 'YYYY-MM-DD'. */
export function businessToday(now: Date = new Date()): string {
  return format.format(now);
}

export const BANK_TIMEZONE = zone;
