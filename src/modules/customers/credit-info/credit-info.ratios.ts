// Pure rules of a financial statement (CIF-28): the derived ratios credit staff read first, and
// the consistency checks an entry must pass. All arithmetic is on integer fen (BigInt): a ratio
// is the exact quotient rounded half away from zero to two decimals, as PostgreSQL's
// round(numeric, 2) and a calculator in the credit department give, never a binary float.
import type { FieldError } from '../../../common/http/errors.ts';

/** '1234.5' → 123450n. The input has passed the money format (at most two decimals). */
export function toFen(yuan: string): bigint {
  const negative = yuan.startsWith('-');
  const [whole, frac = ''] = (negative ? yuan.slice(1) : yuan).split('.');
  const fen = BigInt(whole!) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -fen : fen;
}

/** 123450n → '1234.50'. */
export function fromFen(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * numerator / denominator × scale, to two decimals, half away from zero. Null when either is
 * missing or the denominator is zero: a company without revenue has no margin, not an infinite one.
 */
export function ratio(numerator: string | null | undefined, denominator: string | null | undefined, scale: 1n | 100n): string | null {
  if (numerator == null || denominator == null) return null;
  const n = toFen(numerator) * scale * 100n;
  const d = toFen(denominator);
  if (d === 0n) return null;
  const negative = (n < 0n) !== (d < 0n) && n !== 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const hundredths = (2n * an + ad) / (2n * ad);
  return fromFen(negative ? -hundredths : hundredths);
}

export interface StatementFigures {
  totalAssets: string; currentAssets: string | null; totalLiabilities: string; currentLiabilities: string | null;
  ownersEquity: string; operatingRevenue: string; operatingCost: string | null; totalProfit: string | null;
  netProfit: string; operatingCashFlow: string | null;
}

/** 资产负债率 (%), 流动比率 (times), 销售净利率 (%). */
export function statementRatios(s: StatementFigures) {
  return {
    assetLiabilityRatio: ratio(s.totalLiabilities, s.totalAssets, 100n),
    currentRatio: ratio(s.currentAssets, s.currentLiabilities, 1n),
    netMargin: ratio(s.netProfit, s.operatingRevenue, 100n),
  };
}

/** Statements in 万元 converted to yuan, or summed line by line, may miss by rounding: up to one yuan is accepted. */
export const BALANCE_TOLERANCE_FEN = 100n;

/**
 * The checks an entry must pass; each failure is an error, not a warning. The balance-sheet
 * identity (assets = liabilities + owners' equity, minority interests inside equity) holds for
 * every statement prepared under Chinese accounting standards, so a sheet that does not
 * balance was mistyped, and ratios computed from it would mislead the credit decision. The same
 * goes for a current figure larger than its total.
 */
export function checkStatement(s: StatementFigures): FieldError[] {
  const errors: FieldError[] = [];
  const assets = toFen(s.totalAssets);
  const sum = toFen(s.totalLiabilities) + toFen(s.ownersEquity);
  const gap = assets - sum;
  if (gap > BALANCE_TOLERANCE_FEN || gap < -BALANCE_TOLERANCE_FEN) {
    errors.push({ path: 'totalAssets', code: 'credit.financials.unbalanced',
      params: { totalAssets: s.totalAssets, liabilitiesAndEquity: fromFen(sum), difference: fromFen(gap) } });
  }
  if (s.currentAssets != null && toFen(s.currentAssets) > assets) {
    errors.push({ path: 'currentAssets', code: 'credit.financials.current_assets_exceed', params: { currentAssets: s.currentAssets, totalAssets: s.totalAssets } });
  }
  if (s.currentLiabilities != null && toFen(s.currentLiabilities) > toFen(s.totalLiabilities)) {
    errors.push({ path: 'currentLiabilities', code: 'credit.financials.current_liabilities_exceed',
      params: { currentLiabilities: s.currentLiabilities, totalLiabilities: s.totalLiabilities } });
  }
  return errors;
}

/** The last day of a reporting period, 'YYYY-MM-DD': statements are drawn up after it. */
export function periodEnd(year: number, periodType: 'annual' | 'semiannual' | 'quarterly' | 'monthly', period: number): string {
  const months = { annual: 12, semiannual: 6, quarterly: 3, monthly: 1 }[periodType];
  const lastMonth = months * period;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}
