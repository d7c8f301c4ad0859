// Process configuration from the environment, validated once at start.
import { join, resolve } from 'node:path';
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
  // CIF-44 image store (docs/images-and-completeness.md): 'fs' under CRM_DATA_DIR/images, or an S3-compatible bucket.
  CRM_IMAGE_STORE: z.enum(['fs', 's3']).default('fs'),
  CRM_IMAGE_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  CRM_S3_BUCKET: z.preprocess(unsetIfEmpty, z.string().optional()),
  CRM_S3_REGION: z.preprocess(unsetIfEmpty, z.string().default('us-east-1')),
  CRM_S3_ENDPOINT: z.preprocess(unsetIfEmpty, z.string().url().optional()),
  CRM_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  CRM_S3_PREFIX: z.preprocess(unsetIfEmpty, z.string().default('images/')),
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
  /** Where scans are kept; absent (tests that do not need it): image uploads answer 503. */
  images?: ImageStoreConfig;
}

export type ImageStoreConfig =
  | { kind: 'fs'; dir: string }
  // Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role).
  | { kind: 's3'; bucket: string; region: string; endpoint?: string; forcePathStyle: boolean; prefix: string };

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
    images: imageStoreConfig(e),
  };
}

function imageStoreConfig(e: z.infer<typeof schema>): ImageStoreConfig {
  if (e.CRM_IMAGE_STORE === 'fs') return { kind: 'fs', dir: resolve(e.CRM_IMAGE_DIR ?? join(e.CRM_DATA_DIR, 'images')) };
  if (!e.CRM_S3_BUCKET) throw new Error('CRM_IMAGE_STORE=s3 needs CRM_S3_BUCKET');
  return { kind: 's3', bucket: e.CRM_S3_BUCKET, region: e.CRM_S3_REGION, endpoint: e.CRM_S3_ENDPOINT, forcePathStyle: e.CRM_S3_FORCE_PATH_STYLE === 'true', prefix: e.CRM_S3_PREFIX };
}
