// Shapes of accounts and loan contracts (ACC-2): the lookup query and one row as the core-banking
// feed delivers it to upsertAccounts.
import { z } from 'zod';
import { bigRecordIdParam } from '../../common/id.ts';
import { singleLineText } from '../../common/text.ts';

const isoDate = z.iso.date('common.date_format');
/** Yuan to the fen, as text: up to 16 integer digits, a sign for overdrawn balances. */
const money = z.string().trim().regex(/^-?\d{1,16}(\.\d{1,2})?$/, 'accounts.money_format');
const rate = z.string().trim().regex(/^\d{1,3}(\.\d{1,4})?$/, 'products.rate_format');

export const accountNo = singleLineText().min(1).max(32).regex(/^[0-9A-Za-z-]+$/, 'accounts.account_no_format');

export const accountLookupQuery = z.strictObject({ accountNo });
export const customerAccountsParams = z.strictObject({ id: bigRecordIdParam });

export const ACCOUNT_KINDS = ['deposit_demand', 'deposit_time', 'loan', 'wealth', 'card'] as const;

export const accountRow = z.strictObject({
  accountNo,
  /** The customer number the core system and the CRM share. */
  customerNo: singleLineText().min(1).max(20),
  productId: z.string().regex(/^[0-9]{10}$/, 'products.id_format'),
  kind: z.enum(ACCOUNT_KINDS),
  currency: z.string().regex(/^[A-Z]{3}$/, 'products.currency_unknown'),
  /** The opening institution's 4-character code. */
  institutionCode: singleLineText().min(1).max(4),
  openedOn: isoDate,
  closedOn: isoDate.nullable().optional(),
  status: z.enum(['active', 'dormant', 'closed', 'frozen']),
  balance: money,
  rate: rate.nullable().optional(),
  maturityOn: isoDate.nullable().optional(),
  termMonths: z.number().int().min(1).max(600).nullable().optional(),
  contractNo: singleLineText().min(1).max(40).nullable().optional(),
  contractAmount: money.nullable().optional(),
  guaranteeType: z.enum(['credit', 'guarantee', 'mortgage', 'pledge']).nullable().optional(),
});
export type AccountRow = z.infer<typeof accountRow>;

/** One account as the screens show it (answers of the two routes below). */
const accountAnswer = z.object({
  id: z.number().int(), accountNo: z.string(), masked: z.boolean().describe('the number is masked (no customer.sensitive.read)'),
  customerId: z.number().int(), productId: z.string(), productNameZh: z.string(), productNameEn: z.string(),
  kind: z.enum(ACCOUNT_KINDS), currency: z.string(), institutionId: z.number().int(), institutionName: z.string(),
  openedOn: z.string(), closedOn: z.string().nullable(), status: z.enum(['active', 'dormant', 'closed', 'frozen']),
  balance: z.string().nullable().describe('the balance of record: the latest daily snapshot'), balanceOn: z.string().nullable(),
  rate: z.string().nullable(), maturityOn: z.string().nullable(), termMonths: z.number().int().nullable(),
  contractNo: z.string().nullable(), contractAmount: z.string().nullable(), guaranteeType: z.enum(['credit', 'guarantee', 'mortgage', 'pledge']).nullable(),
  origin: z.string(),
});

/** GET /customers/:id/accounts. Exact: the customer view's accounts tab. */
export const customerAccounts = z.object({ customerId: z.number().int(), items: z.array(accountAnswer) });

/** GET /accounts?accountNo=. Exact: the lookup by account number (search box, document transfer). */
export const accountLookup = z.object({
  customer: z.object({ id: z.number().int(), customerNo: z.string(), name: z.string(), kind: z.enum(['personal', 'corporate']) }),
  account: accountAnswer,
});
