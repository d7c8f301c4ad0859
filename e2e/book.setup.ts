// vitest globalSetup of the browser tests: builds the demo book once per run — a first start of
// the server on an empty data folder, stopped cleanly — and hands its folder to the test files,
// each of which starts its server on a copy (harness.ts). Building it for every file would cost a
// minute each on a 2-core machine.
//
// CRM_E2E_BOOK=/some/folder keeps the book there between runs (while iterating on one file): a
// folder already holding a finished book is reused, as long as it was built today (the book ends
// yesterday); delete the folder after changing src/demo.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { businessToday } from '../src/common/business-date.ts';
import { startServer } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext { demoBook: string }
}

/** Written after a clean stop: the book is finished and the folder closed. Holds the day it was built (the book ends the day before). */
const READY = 'e2e-book-ready';

export default async function setup(project: TestProject) {
  const kept = process.env.CRM_E2E_BOOK ? resolve(process.env.CRM_E2E_BOOK) : undefined;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'crm-e2e-book-'));
  const ready = join(dir, READY);
  if (!existsSync(ready) || readFileSync(ready, 'utf8') !== businessToday()) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const started = performance.now();
    const server = await startServer(dir);
    await server.stop();
    if (!server.output().includes('Demo book built')) throw new Error(`the first start built no demo book:\n${server.output()}`);
    if (existsSync(join(dir, 'crm.pid'))) throw new Error(`the server did not release ${dir}:\n${server.output()}`);
    writeFileSync(ready, businessToday());
    console.log(`demo book built in ${((performance.now() - started) / 1000).toFixed(0)} s (${dir})`);
  }
  project.provide('demoBook', dir);
  return () => { if (!kept) rmSync(dir, { recursive: true, force: true }); };
}
