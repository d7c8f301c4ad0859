// Calls of the workbench's book figures (GET /api/workbench/book, /book/breakdown); shapes from the server's schema.
import type { BookBreakdown, BookSummary, Figure } from '../../../../src/modules/accounts/book/book.schema.ts';
import { api } from '../../api/client';

export type { BookBreakdown, BookSummary, Figure };
export const BOOK_KEY = ['workbench', 'book'] as const;
export const fetchBook = (currency: string, signal?: AbortSignal) => api.get<BookSummary>('/workbench/book', { currency }, signal);
export const fetchBreakdown = (currency: string, signal?: AbortSignal) => api.get<BookBreakdown>('/workbench/book/breakdown', { currency }, signal);
