import type { Database } from '../../db/database.ts';
import type { Actor } from '../../modules/auth/actor.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { Config } from '../../server/config.ts';
import type { ImageStore } from '../../modules/images/image-store.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No sign-in needed (login, health, OpenAPI). */
    public?: boolean;
    /** The permission code (or any of several) a route needs; checked before the handler runs. */
    permission?: string | string[];
    /** Reachable while the user still has to change an initial or expired password. */
    duringPasswordChange?: boolean;
    /** The answer may be a 302 to this (the OpenAPI document says so; openapi.ts). */
    redirects?: string;
  }
  interface FastifyRequest {
    actor: Actor;
    lang: Lang;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    db: Database;
    config: Config;
    /** CIF-44 scans' store; undefined when the configuration names none. */
    imageStore: ImageStore | undefined;
  }
}
