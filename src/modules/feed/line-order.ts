// A file's rejections in line order when they are found in two passes: the reader's (encoding,
// field count, hidden characters) while the file is read, the row checks' once it is staged. The
// report lists them as one pass would have, by line. Past the report's limit they are only
// counted, so a file of bad lines costs no memory.
import type { Rejection } from './read-file.ts';

/** Rejections of each pass kept in full: the report's limit (feed.service.ts). */
const KEPT = 1000;

/** Collects one pass's rejections: the first KEPT in full, the rest counted. */
export class RejectionList {
  readonly rows: Rejection[] = [];
  /** Rejections past the first KEPT, and one of them to count them with. */
  beyond = 0;
  private last: Rejection | null = null;
  add = (r: Rejection) => {
    if (this.rows.length < KEPT) this.rows.push(r);
    else { this.beyond++; this.last = r; }
  };

  /** Reports this list's rejections merged by line with `other`'s (each in line order). */
  releaseWith(other: RejectionList, reject: (r: Rejection) => void) {
    let i = 0;
    for (const r of other.rows) {
      while (i < this.rows.length && this.rows[i]!.line <= r.line) reject(this.rows[i++]!);
      reject(r);
    }
    while (i < this.rows.length) reject(this.rows[i++]!);
    // Counted only: with KEPT of one pass already reported, the report holds no more.
    for (const list of [this, other]) for (let n = 0; n < list.beyond; n++) reject(list.last!);
  }
}
