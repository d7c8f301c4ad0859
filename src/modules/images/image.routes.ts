// CIF-44 routes: upload (multipart field "file"), external references, the customer's and an
// account's scans, and reading one scan (audited).
import { ALLOWED_TYPES } from './image-key.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../common/http/errors.ts';
import { accountIdParams, contentQuery, customerIdParams, externalBody, imageIdParams, uploadQuery } from './image.schema.ts';
import { accountImages, customerImages, importImage, maxImageBytes, readImage, referenceExternalImage } from './image.service.ts';

const tags = ['images'];

export const imageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/customers/:id/images', { config: { permission: 'customer.read' }, schema: { tags, summary: "The customer's scans: the latest of each certificate type, and all, newest import first", params: customerIdParams } },
    async (req) => customerImages(app.db, req.actor, req.params.id));

  app.get('/accounts/:id/images', { config: { permission: 'customer.read' }, schema: { tags, summary: "An account's scans: the latest of each certificate type, and all", params: accountIdParams } },
    async (req) => accountImages(app.db, req.actor, req.params.id));

  app.post('/customers/:id/images', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Import a scan (PDF, JPEG, PNG, TIFF by content; multipart field "file"; size limit: setting images.max_bytes)', params: customerIdParams, querystring: uploadQuery, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      if (!app.imageStore) throw new AppError('images.store_unconfigured', 503);
      const max = await maxImageBytes(app.db);
      let part;
      try {
        part = await req.file({ limits: { fileSize: max + 1, files: 1 } });
      } catch {
        throw new AppError('images.no_file', 400);
      }
      if (!part) throw new AppError('images.no_file', 400);
      const r = await importImage(app.db, app.imageStore, req.actor, req.params.id, req.query, { fileName: part.filename, stream: part.file }, max);
      return reply.status(201).send(r);
    });

  app.post('/customers/:id/images/external', { config: { permission: 'customer.manage' }, schema: { tags, summary: "Reference a scan kept by an external imaging system (its id and link; nothing is copied)", params: customerIdParams, body: externalBody } },
    async (req, reply) => reply.status(201).send(await referenceExternalImage(app.db, req.actor, req.params.id, req.body)));

  app.get('/images/:id/content', {
    config: { permission: 'customer.read', redirects: "A scan kept by an external imaging system: its link" },
    schema: { tags, summary: 'The bytes of a scan (inline for preview, or download=true), or a redirect to an external system; every read audited', produces: Object.keys(ALLOWED_TYPES), params: imageIdParams, querystring: contentQuery },
    // The web app previews PDFs in a frame of its own origin (the app-wide header says DENY).
    onSend: async (_req, reply) => { reply.header('x-frame-options', 'SAMEORIGIN'); },
  }, async (req, reply) => {
    const download = req.query.download === 'true';
    const r = await readImage(app.db, app.imageStore, req.actor, req.params.id, download);
    if (r.kind === 'external') return reply.redirect(r.url, 302);
    const ascii = r.fileName.replace(/[^\w.-]/g, '_');
    return reply.type(r.contentType)
      .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(r.fileName)}`)
      .header('cache-control', 'private, no-store').header('x-content-sha256', r.sha256)
      .send(r.stream);
  });
};
