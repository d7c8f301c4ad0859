// Calls and shapes of /api/products (ACC-1) used by the product catalogue screen.
import type { z } from 'zod';
import type { createProductBody, listProductsQuery, rateBody, updateProductBody } from '../../../../src/modules/accounts/products/product.schema.ts';
import { PRODUCT_CATEGORIES } from '../../../../src/modules/accounts/products/product.schema.ts';
import { api } from '../../api/client';

export { PRODUCT_CATEGORIES };
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];
export type ProductStatus = 'active' | 'retired';
export type ProductQuery = z.output<typeof listProductsQuery>;

export interface ProductRow {
  id: string; nameZh: string; nameEn: string; category: ProductCategory; subType: string | null; currency: string;
  status: ProductStatus; version: number; currentRate: string | null;
}
export interface ProductRate { id: number; rateType: 'fixed' | 'floating'; baseRate: string; floatMin: string | null; floatMax: string | null; effectiveFrom: string }
export interface ProductDetail extends Omit<ProductRow, 'currentRate'> { updatedAt: string; rates: ProductRate[] }

export const PRODUCTS_KEY = ['products'] as const;
export const fetchProducts = (q: ProductQuery, signal?: AbortSignal) =>
  api.get<{ total: number; page: number; pageSize: number; items: ProductRow[] }>('/products', q as Record<string, string | number | undefined>, signal);
export const fetchProduct = (id: string, signal?: AbortSignal) => api.get<ProductDetail>(`/products/${id}`, undefined, signal);
export const createProduct = (body: z.input<typeof createProductBody>) => api.post<{ id: string; version: number }>('/products', body);
export const updateProduct = (id: string, body: z.input<typeof updateProductBody>) => api.patch<{ id: string; version: number }>(`/products/${id}`, body);
export const addProductRate = (id: string, body: z.input<typeof rateBody>) => api.post<ProductRate>(`/products/${id}/rates`, body);
