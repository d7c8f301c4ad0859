// The pure statement rules of CIF-28: exact fen arithmetic, ratios rounded half away from zero,
// the balance-sheet identity within one yuan, current figures within totals, period ends.
import { describe, expect, it } from 'vitest';
import { BALANCE_TOLERANCE_FEN, checkStatement, fromFen, periodEnd, ratio, statementRatios, toFen, type StatementFigures } from './credit-info.ratios.ts';

const sheet = (over: Partial<StatementFigures> = {}): StatementFigures => ({
  totalAssets: '12500000.00', currentAssets: '5000000.00', totalLiabilities: '7812500.00', currentLiabilities: '3750000.00',
  ownersEquity: '4687500.00', operatingRevenue: '9000000.00', operatingCost: '7200000.00', totalProfit: '960000.00',
  netProfit: '720000.00', operatingCashFlow: '-150000.00', ...over,
});

describe('fen arithmetic', () => {
  it('reads and writes yuan exactly, signs and short decimals included', () => {
    expect(toFen('1234.5')).toBe(123450n);
    expect(toFen('-0.07')).toBe(-7n);
    expect(toFen('9999999999999999.99')).toBe(999999999999999999n);
    expect(fromFen(-7n)).toBe('-0.07');
    expect(fromFen(toFen('0.1') + toFen('0.2'))).toBe('0.30');
    expect(fromFen(999999999999999999n)).toBe('9999999999999999.99');
  });
});

describe('ratios', () => {
  it('gives the three ratios credit staff read first', () => {
    expect(statementRatios(sheet())).toEqual({ assetLiabilityRatio: '62.50', currentRatio: '1.33', netMargin: '8.00' });
  });

  it('rounds half away from zero, for losses too', () => {
    expect(ratio('5', '8', 1n)).toBe('0.63'); // 0.625
    expect(ratio('-5', '8', 1n)).toBe('-0.63');
    expect(ratio('1', '3', 100n)).toBe('33.33');
    expect(ratio('2', '3', 100n)).toBe('66.67');
    expect(ratio('-0.01', '3', 100n)).toBe('-0.33');
    expect(ratio('0', '-3', 100n)).toBe('0.00');
  });

  it('stays exact where a float would not: huge balances and one-fen differences', () => {
    // 9007199254740993 is past 2^53: a double would read it as …992.
    expect(ratio('9007199254740993.00', '9007199254740992.00', 100n)).toBe('100.00');
    expect(ratio('0.01', '9999999999999999.99', 100n)).toBe('0.00');
    expect(ratio('9999999999999999.99', '0.01', 1n)).toBe('999999999999999999.00');
  });

  it('has no ratio without a denominator or a figure', () => {
    expect(statementRatios(sheet({ currentAssets: null }))).toMatchObject({ currentRatio: null });
    expect(statementRatios(sheet({ currentLiabilities: '0.00' }))).toMatchObject({ currentRatio: null });
    expect(statementRatios(sheet({ operatingRevenue: '0' }))).toMatchObject({ netMargin: null });
    expect(statementRatios(sheet({ totalAssets: '0.00', totalLiabilities: '0', ownersEquity: '0' })).assetLiabilityRatio).toBeNull();
  });
});

describe('consistency checks', () => {
  it('accepts a sheet off by exactly one yuan, refuses one fen more, either way', () => {
    expect(BALANCE_TOLERANCE_FEN).toBe(100n);
    expect(checkStatement(sheet({ ownersEquity: '4687499.00' }))).toEqual([]);
    expect(checkStatement(sheet({ ownersEquity: '4687501.00' }))).toEqual([]);
    expect(checkStatement(sheet({ ownersEquity: '4687498.99' }))).toEqual([{ path: 'totalAssets', code: 'credit.financials.unbalanced',
      params: { totalAssets: '12500000.00', liabilitiesAndEquity: '12499998.99', difference: '1.01' } }]);
    expect(checkStatement(sheet({ ownersEquity: '4687501.01' }))[0]?.params).toMatchObject({ difference: '-1.01' });
  });

  it('balances an insolvent company whose equity is negative', () => {
    expect(checkStatement(sheet({ totalAssets: '1000.00', currentAssets: '500', totalLiabilities: '1500.00', currentLiabilities: '900', ownersEquity: '-500.00' }))).toEqual([]);
  });

  it('refuses current figures above their totals, equal ones pass', () => {
    expect(checkStatement(sheet({ currentAssets: '12500000.00', currentLiabilities: '7812500.00' }))).toEqual([]);
    expect(checkStatement(sheet({ currentAssets: '12500000.01', currentLiabilities: '7812500.01' })).map((e) => e.code))
      .toEqual(['credit.financials.current_assets_exceed', 'credit.financials.current_liabilities_exceed']);
  });
});

describe('period ends', () => {
  it('knows the last day of each kind of period, leap years included', () => {
    expect(periodEnd(2024, 'annual', 1)).toBe('2024-12-31');
    expect(periodEnd(2024, 'semiannual', 1)).toBe('2024-06-30');
    expect(periodEnd(2023, 'quarterly', 3)).toBe('2023-09-30');
    expect(periodEnd(2024, 'monthly', 2)).toBe('2024-02-29');
    expect(periodEnd(2023, 'monthly', 2)).toBe('2023-02-28');
    expect(periodEnd(1900, 'monthly', 2)).toBe('1900-02-28');
  });
});
