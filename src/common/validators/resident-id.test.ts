import { describe, expect, it } from 'vitest';
import { normalizeResidentId, parseResidentId, residentIdCheckDigit, residentIdConsistent } from './resident-id.ts';

// Published specimens: 11010519491231002X is the example of GB 11643-1999 itself (Beijing
// Chaoyang, 1949-12-31, sequence 002, female); 440524188001010014 is a widely quoted example
// (born 1880); 110105491231002 is the standard's example in the legacy 15-digit form.
// Numbers marked "computed" below were made for the test with residentIdCheckDigit.
const TODAY = '2025-06-15';

describe('parseResidentId (GB 11643-1999)', () => {
  it('accepts the specimen of the standard and reads birth date, gender, region', () => {
    expect(parseResidentId('11010519491231002X', { today: TODAY })).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: '2',
      regionCode: '110105',
      sequence: '002',
      upgradedFrom15: false,
    });
  });

  it('computes the ISO 7064 MOD 11-2 check character of the specimens', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
    expect(residentIdCheckDigit('1101051949123100')).toBeNull();
    expect(residentIdCheckDigit('1101051949123100A')).toBeNull();
  });

  it('normalises a lower-case x, white space and full-width digits', () => {
    for (const input of ['11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２ｘ']) {
      const parsed = parseResidentId(input, { today: TODAY });
      expect(parsed.ok && parsed.normalized).toBe('11010519491231002X');
    }
  });

  it('reads an odd 17th digit as male (1)', () => {
    const parsed = parseResidentId('440524188001010014', { today: TODAY, minBirthDate: '1800-01-01' });
    expect(parsed).toMatchObject({ ok: true, birthDate: '1880-01-01', gender: '1', regionCode: '440524' });
  });

  it('rejects a birth date before 1900 by default (the 1880 specimen)', () => {
    expect(parseResidentId('440524188001010014', { today: TODAY })).toEqual({ ok: false, error: 'birth_date' });
  });

  it('upgrades a legacy 15-digit number to 18 digits', () => {
    expect(parseResidentId('110105491231002', { today: TODAY })).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: '2',
      upgradedFrom15: true,
    });
    expect(normalizeResidentId('110105491231002', { today: TODAY })).toBe('11010519491231002X');
  });

  it('rejects a legacy number with an impossible date', () => {
    expect(parseResidentId('110105490230002', { today: TODAY })).toEqual({ ok: false, error: 'birth_date' });
  });

  it('rejects a wrong check character', () => {
    for (const wrong of ['110105194912310020', '110105194912310021', '440524188001010015']) {
      expect(parseResidentId(wrong, { today: TODAY, minBirthDate: '1800-01-01' })).toEqual({ ok: false, error: 'check_digit' });
    }
  });

  it('rejects dates that do not exist', () => {
    // computed: 110105 19990230 001 with its correct check digit 5
    expect(parseResidentId('110105199902300015', { today: TODAY })).toEqual({ ok: false, error: 'birth_date' });
    const y2000 = '11010520000229001'; // 2000 was a leap year
    expect(parseResidentId(y2000 + residentIdCheckDigit(y2000), { today: TODAY }).ok).toBe(true);
    const y1900 = '11010519000229001'; // 1900 was not
    expect(parseResidentId(y1900 + residentIdCheckDigit(y1900), { today: TODAY })).toEqual({ ok: false, error: 'birth_date' });
    const month13 = '11010519991301001';
    expect(parseResidentId(month13 + residentIdCheckDigit(month13), { today: TODAY })).toEqual({ ok: false, error: 'birth_date' });
  });

  it('rejects a birth date in the future, accepts one born today', () => {
    const born = (date: string) => {
      const first17 = `110105${date}001`;
      return first17 + residentIdCheckDigit(first17);
    };
    expect(parseResidentId(born('20250616'), { today: TODAY })).toEqual({ ok: false, error: 'birth_date' });
    expect(parseResidentId(born('20250615'), { today: TODAY }).ok).toBe(true);
    expect(parseResidentId(born('20990101'))).toEqual({ ok: false, error: 'birth_date' }); // real clock
  });

  it('rejects an unknown province', () => {
    // computed: 990105 19491231 002 with its correct check digit 3
    expect(parseResidentId('990105194912310023', { today: TODAY })).toEqual({ ok: false, error: 'region' });
    const zero = '00010519491231002';
    expect(parseResidentId(zero + residentIdCheckDigit(zero), { today: TODAY })).toEqual({ ok: false, error: 'region' });
  });

  it('accepts the 830000 address code of Taiwan residents\u2019 residence permits', () => {
    // computed: 830000 19900101 001 + check digit 2
    expect(parseResidentId('830000199001010012', { today: TODAY })).toMatchObject({ ok: true, regionCode: '830000', gender: '1' });
  });

  it('asks the caller\u2019s division table about the full 6-digit code', () => {
    const seen: string[] = [];
    const known = (code: string) => (seen.push(code), code === '110105');
    expect(parseResidentId('11010519491231002X', { today: TODAY, isKnownDivision: known }).ok).toBe(true);
    expect(parseResidentId('440524188001010014', { today: TODAY, minBirthDate: '1800-01-01', isKnownDivision: known })).toEqual({
      ok: false,
      error: 'region',
    });
    expect(seen).toEqual(['110105', '440524']);
  });

  it('rejects wrong lengths and characters without throwing', () => {
    for (const bad of [
      '',
      '11010519491231002',
      '11010519491231002X1',
      '1101051949123100X2',
      '11010519491231002Y',
      '11010549123100',
      '11010549123100X',
      '110105-19491231-002X',
      null,
      undefined,
    ]) {
      expect(parseResidentId(bad, { today: TODAY })).toEqual({ ok: false, error: 'format' });
    }
    expect(parseResidentId(12345 as unknown as string)).toEqual({ ok: false, error: 'format' });
    expect(normalizeResidentId('not an id')).toBeNull();
  });
});

describe('residentIdConsistent', () => {
  const parsed = parseResidentId('11010519491231002X', { today: TODAY });
  if (!parsed.ok) throw new Error('specimen must parse');

  it('reports nothing when the record agrees', () => {
    expect(residentIdConsistent(parsed, { birthDate: '1949-12-31', gender: '2' })).toEqual([]);
  });
  it('reports a different birth date', () => {
    expect(residentIdConsistent(parsed, { birthDate: '1949-12-30', gender: '2' })).toEqual(['birthDate']);
  });
  it('reports a different gender, including "unspecified" (9)', () => {
    expect(residentIdConsistent(parsed, { gender: '1' })).toEqual(['gender']);
    expect(residentIdConsistent(parsed, { gender: '9' })).toEqual(['gender']);
  });
  it('reports both', () => {
    expect(residentIdConsistent(parsed, { birthDate: '1950-01-01', gender: '1' })).toEqual(['birthDate', 'gender']);
  });
  it('skips fields the record leaves empty', () => {
    expect(residentIdConsistent(parsed, {})).toEqual([]);
    expect(residentIdConsistent(parsed, { birthDate: null, gender: '' })).toEqual([]);
  });
});
