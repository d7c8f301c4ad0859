import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cabinetBody, cabinetParams, checkOutBody, fileBody, loanParams, loanQuery, positionParams, positionQuery } from './archive.schema.ts';
import { createCabinet, fileFlows, flowsToFile, listCabinets, listPositions } from './archive.service.ts';
import { checkIn, checkOut, listLoans } from './archive-loan.service.ts';

const tags = ['archive'];
const manage = { permission: 'archive.manage' };

export const archiveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/archive/cabinets', { config: manage, schema: { tags, summary: 'Archive cabinets of institutions in my charge, with used and free positions' } },
    async (req) => listCabinets(app.db, req.actor));
  app.post('/archive/cabinets', { config: manage, schema: { tags, summary: 'Add a cabinet: cells and files per cell', body: cabinetBody } },
    async (req, reply) => reply.code(201).send(await createCabinet(app.db, req.actor, req.body)));
  app.get('/archive/cabinets/:id/to-file', { config: manage, schema: { tags, summary: 'Received flows under the cabinet\'s institution whose paper is not yet filed', params: cabinetParams } },
    async (req) => flowsToFile(app.db, req.actor, req.params.id));
  app.post('/archive/cabinets/:id/file', { config: manage, schema: { tags, summary: 'File flows into the next positions, numbered customer no. → branch → account no.', params: cabinetParams, body: fileBody } },
    async (req, reply) => reply.code(201).send(await fileFlows(app.db, req.actor, req.params.id, req.body.flowIds)));
  app.get('/archive/positions', { config: manage, schema: { tags, summary: 'Storage positions, with the file\'s current borrower', querystring: positionQuery } },
    async (req) => listPositions(app.db, req.actor, req.query));
  app.post('/archive/positions/:id/check-out', { config: manage, schema: { tags, summary: 'Lend a paper file until a due date in working days', params: positionParams, body: checkOutBody } },
    async (req, reply) => reply.code(201).send(await checkOut(app.db, req.actor, req.params.id, req.body)));
  app.post('/archive/loans/:id/check-in', { config: manage, schema: { tags, summary: 'Register a file\'s return (cancels its overdue reminder)', params: loanParams } },
    async (req) => checkIn(app.db, req.actor, req.params.id));
  app.get('/archive/loans', { config: manage, schema: { tags, summary: 'The check-out register: open, overdue (as of a date), returned, all', querystring: loanQuery } },
    async (req) => listLoans(app.db, req.actor, req.query));
};
