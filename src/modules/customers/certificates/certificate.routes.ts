import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseBody } from '../../../common/http/parse-body.ts';
import { getSetting, putSetting } from '../../settings/settings.service.ts';
import { customerIdParams } from '../customer.schema.ts';
import {
  certificateAuthoritiesSchema, certificateParams, createCertificateBody, listCertificatesQuery, updateCertificateBodies, voidCertificateBody,
} from './certificate.schema.ts';
import {
  certificateForms, certificateTypeOf, createCertificate, getCertificate, listCertificates, updateCertificate, voidCertificate,
} from './certificate.service.ts';

const tags = ['customers'];

export const certificateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/certificate-forms', { config: { permission: 'customer.read' }, schema: { tags, summary: 'The form of each corporate certificate type: fields, mandatory fields, licence data shown read-only' } },
    async () => certificateForms());

  app.get('/customers/:id/certificates', { config: { permission: 'customer.read' }, schema: { tags, summary: "A corporate customer's certificates, its licence data and the default authorities", params: customerIdParams, querystring: listCertificatesQuery } },
    async (req) => listCertificates(app.db, req.actor, req.params.id, req.query.status));

  app.post('/customers/:id/certificates', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Record a certificate (a renewal supersedes the current one of its type)', params: customerIdParams, body: createCertificateBody } },
    async (req, reply) => reply.status(201).send(await createCertificate(app.db, req.actor, req.params.id, req.body)));

  app.get('/customers/:id/certificates/:certId', { config: { permission: 'customer.read' }, schema: { tags, summary: 'One certificate with the licence data its form shows', params: certificateParams } },
    async (req) => getCertificate(app.db, req.actor, req.params.id, req.params.certId));

  app.patch('/customers/:id/certificates/:certId', { config: { permission: 'customer.manage' }, schema: { tags, summary: "Correct a current certificate (fields of its type's form, with version)", params: certificateParams } },
    async (req) => {
      const type = await certificateTypeOf(app.db, req.actor, req.params.id, req.params.certId);
      return updateCertificate(app.db, req.actor, req.params.id, req.params.certId, parseBody(updateCertificateBodies[type], req.body));
    });

  // Never a physical delete: a certificate keyed by mistake is voided with a reason and kept.
  app.delete('/customers/:id/certificates/:certId', { config: { permission: 'customer.manage' }, schema: { tags, summary: 'Void a certificate entered by mistake (kept, marked voided, audited)', params: certificateParams, body: voidCertificateBody } },
    async (req) => voidCertificate(app.db, req.actor, req.params.id, req.params.certId, req.body));

  app.get('/settings/certificate-authorities', { config: { permission: 'setting.manage' }, schema: { tags: ['settings'], summary: 'Default issuing authorities per certificate type' } },
    async () => getSetting(app.db, 'customers.certificate_authorities'));
  app.put('/settings/certificate-authorities', { config: { permission: 'setting.manage' }, schema: { tags: ['settings'], summary: 'Change the default issuing authorities', body: certificateAuthoritiesSchema } },
    async (req) => app.db.transaction().execute((tx) => putSetting(tx, req.actor, 'customers.certificate_authorities', req.body)));
};
