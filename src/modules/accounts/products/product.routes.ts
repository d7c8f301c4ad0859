import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createProductBody, listProductsQuery, productIdParams, rateBody, updateProductBody } from './product.schema.ts';
import { addProductRate, createProduct, getProduct, listProducts, updateProduct } from './product.service.ts';

const tags = ['products'];

export const productRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/products', { config: { permission: 'product.read' }, schema: { tags, summary: 'The product catalogue, with the rate in force today', querystring: listProductsQuery } },
    async (req) => listProducts(app.db, req.query));

  app.get('/products/:id', { config: { permission: 'product.read' }, schema: { tags, summary: 'One product with its interest-rate history', params: productIdParams } },
    async (req) => getProduct(app.db, req.params.id));

  app.post('/products', { config: { permission: 'product.manage' }, schema: { tags, summary: 'Add a product to the catalogue', body: createProductBody } },
    async (req, reply) => reply.status(201).send(await createProduct(app.db, req.actor, req.body)));

  app.patch('/products/:id', { config: { permission: 'product.manage' }, schema: { tags, summary: 'Rename, re-classify or retire a product', params: productIdParams, body: updateProductBody } },
    async (req) => updateProduct(app.db, req.actor, req.params.id, req.body));

  app.post('/products/:id/rates', { config: { permission: 'product.manage' }, schema: { tags, summary: 'A new interest-rate setting from its effective date', params: productIdParams, body: rateBody } },
    async (req, reply) => reply.status(201).send(await addProductRate(app.db, req.actor, req.params.id, req.body)));
};
