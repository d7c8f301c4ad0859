import { describe, expect, it } from 'vitest';
import { parseEmail, parseLandline, parseMobile, parsePostalCode } from './contact.ts';

describe('parseMobile', () => {
  it('accepts 11-digit numbers 13x–19x', () => {
    for (const n of ['13812345678', '14712345678', '15912345678', '16612345678', '17712345678', '18612345678', '19912345678']) {
      expect(parseMobile(n)).toEqual({ ok: true, normalized: n });
    }
  });
  it('removes the +86 / 0086 / 86 prefix, spaces and hyphens', () => {
    for (const n of ['+8613812345678', '+86 138 1234 5678', '0086-138-1234-5678', '8613812345678', ' 138-1234-5678 ', '＋８６１３８１２３４５６７８']) {
      expect(parseMobile(n)).toEqual({ ok: true, normalized: '13812345678' });
    }
  });
  it('rejects other numbers', () => {
    for (const n of ['12812345678', '1381234567', '138123456789', '+85291234567', '+1 13812345678', '1381234567a', '', null, undefined]) {
      expect(parseMobile(n)).toEqual({ ok: false, error: 'format' });
    }
  });
});

describe('parsePostalCode', () => {
  it('accepts six digits starting 0–8', () => {
    for (const c of ['100000', '266000', '010010', '830000', ' 518000 ']) {
      expect(parsePostalCode(c)).toEqual({ ok: true, normalized: c.trim() });
    }
  });
  it('rejects zone 9, other lengths and letters', () => {
    for (const c of ['999077', '10000', '1000000', '10000A', '', null]) {
      expect(parsePostalCode(c)).toEqual({ ok: false, error: 'format' });
    }
  });
});

describe('parseEmail', () => {
  it('accepts ordinary addresses and lower-cases the domain only', () => {
    expect(parseEmail('zhang.san@bank.cn')).toEqual({ ok: true, normalized: 'zhang.san@bank.cn' });
    expect(parseEmail(' Zhang.San+crm@Bank.COM.cn ')).toEqual({ ok: true, normalized: 'Zhang.San+crm@bank.com.cn' });
  });
  it('rejects malformed addresses', () => {
    for (const e of ['zhang.san', 'zhang@', '@bank.cn', 'zhang san@bank.cn', 'zhang@@bank.cn', 'zhang@bank', '', null]) {
      expect(parseEmail(e)).toEqual({ ok: false, error: 'format' });
    }
  });
});

describe('parseLandline (CIF-13 country/area/number/extension)', () => {
  it('accepts the domestic form with a 4-digit area code', () => {
    expect(parseLandline('0532-88886666')).toEqual({
      ok: true,
      normalized: '0532-88886666',
      countryCode: '86',
      areaCode: '0532',
      number: '88886666',
    });
  });
  it('reads an extension', () => {
    expect(parseLandline('0532-88886666-801')).toEqual({
      ok: true,
      normalized: '0532-88886666-801',
      countryCode: '86',
      areaCode: '0532',
      number: '88886666',
      extension: '801',
    });
    expect(parseLandline('0532-88886666 转 801')).toMatchObject({ ok: true, normalized: '0532-88886666-801' });
    expect(parseLandline('0532-88886666#801')).toMatchObject({ ok: true, extension: '801' });
  });
  it('accepts a country code, with or without the trunk 0', () => {
    expect(parseLandline('+86-532-88886666')).toMatchObject({ ok: true, normalized: '0532-88886666', areaCode: '0532' });
    expect(parseLandline('0086 10 66668888')).toMatchObject({ ok: true, normalized: '010-66668888' });
    expect(parseLandline('+86-0532-88886666-801')).toMatchObject({ ok: true, normalized: '0532-88886666-801' });
  });
  it('splits 3-digit (010, 02X) and 4-digit area codes without separators', () => {
    expect(parseLandline('01066668888')).toMatchObject({ ok: true, areaCode: '010', number: '66668888' });
    expect(parseLandline('02188886666')).toMatchObject({ ok: true, areaCode: '021', number: '88886666' });
    expect(parseLandline('(0532)8888666')).toMatchObject({ ok: true, areaCode: '0532', number: '8888666' });
  });
  it('rejects numbers without an area code, wrong lengths and bad extensions', () => {
    for (const bad of [
      '88886666',
      '532-88886666',
      '0532-888866',
      '0532-888866667',
      '0532-88886666-1234567',
      '0532-88886666-',
      '010-8888-6666',
      '+852-2345-6789',
      '13812345678',
      '',
      null,
    ]) {
      expect(parseLandline(bad), String(bad)).toEqual({ ok: false, error: 'format' });
    }
  });
});
