// Process configuration from the environment, validated once at start.
import { z } from 'zod';

// An empty variable counts as unset (`DATABASE_URL= npm start` means the embedded database).
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().url().optional()),
  CRM_DATA_DIR: z.string().default('./data'),
  CRM_ADMIN_PASSWORD: z.preprocess(unsetIfEmpty, z.string().optional()),
  CRM_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  CRM_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  CRM_DEMO: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'postgres'; connectionString: string } | { kind: 'pglite'; dataDir: string };
  adminPassword?: string;
  cookieSecure: boolean;
  trustProxy: boolean;
  /** Seed the demo bank on an empty database. Default: yes on the embedded database, never on a server. */
  demo: boolean;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = schema.parse(env);
  const database = e.DATABASE_URL
    ? { kind: 'postgres' as const, connectionString: e.DATABASE_URL }
    : { kind: 'pglite' as const, dataDir: e.CRM_DATA_DIR };
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    adminPassword: e.CRM_ADMIN_PASSWORD,
    cookieSecure: e.CRM_COOKIE_SECURE === 'true',
    trustProxy: e.CRM_TRUST_PROXY === 'true',
    demo: e.CRM_DEMO ? e.CRM_DEMO === 'true' : database.kind === 'pglite',
    logLevel: e.LOG_LEVEL,
  };
}
