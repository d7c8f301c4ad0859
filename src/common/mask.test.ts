import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskIdNumber, maskPhone } from './mask.ts';

describe('masking of personal identifiers', () => {
  it('keeps the prefix and last four digits of a mainland mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('keeps only the last four digits of other phone numbers', () => {
    expect(maskPhone('0532-88886666')).toBe('********6666');
    expect(maskPhone('123')).toBe('****');
  });
  it('hides the birth date of a resident ID number', () => {
    const masked = maskIdNumber('11010119900307123X')!;
    expect(masked).toBe('110101********123X');
    expect(masked).not.toContain('19900307');
  });
  it('masks passports and other short documents without failing', () => {
    expect(maskIdNumber('E12345678')).toBe('E******78');
    expect(maskIdNumber('H1234567890')).toBe('H********90');
    expect(maskIdNumber('1234')).toBe('****');
  });
  it('hides the local part of an e-mail address but the first letter', () => {
    expect(maskEmail('zhang.san@bank.cn')).toBe('z***@bank.cn');
    expect(maskEmail('broken')).toBe('***');
  });
  it('keeps province and city of an address', () => {
    expect(maskAddress('山东省青岛市市南区香港中路8号')).toBe('山东省青岛市****');
  });
  it('passes empty values through', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskEmail(undefined)).toBeNull();
    expect(maskIdNumber('')).toBe('');
  });
});
