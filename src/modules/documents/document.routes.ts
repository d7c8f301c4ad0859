// The documents domain's routes: transfer flows and the paper archive.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { archiveRoutes } from './archive/archive.routes.ts';
import { flowRoutes } from './transfer/flow.routes.ts';

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(flowRoutes);
  await app.register(archiveRoutes);
};
