// Transfer of primary rights (主办权移交, REL-22): the application that starts the customer.transfer
// approval, and the managers its forms offer.
import type { TransferBody } from '../../../../src/modules/managers/transfer/transfer.schema.ts';
import type { transferManagers } from '../../../../src/modules/managers/transfer/transfer.service.ts';
import { api } from '../../api/client';

export type TransferManager = Awaited<ReturnType<typeof transferManagers>>['items'][number] & { primaryCustomers?: number };
export const fetchTransferManagers = (side: 'from' | 'to', q: string | undefined, signal?: AbortSignal) =>
  api.get<{ items: TransferManager[] }>('/customer-transfers/managers', { side, ...(q ? { q } : {}) }, signal);
export const applyForTransfer = (body: TransferBody) =>
  api.post<{ requestId: number; step: number; stepCount: number; count: number }>('/customer-transfers', body);
