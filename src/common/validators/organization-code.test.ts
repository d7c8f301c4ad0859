import { describe, expect, it } from 'vitest';
import { organizationCodeCheckCharacter, parseOrganizationCode } from './organization-code.ts';

// Real organisation codes, taken from positions 9–17 of published unified social credit codes
// (see credit-code.test.ts): 19220382-1 of 914403001922038216 (Huawei), 21443414-6 of
// 91520000214434146R, 07837941-X of 9115220107837941X1, MA2PBMCG-0 of 92340603MA2PBMCG0U and
// MA2PBMEM-2 of 92340602MA2PBMEM24 (the last three from python-stdnum's list of codes found online).

describe('parseOrganizationCode (GB 11714-1997)', () => {
  it('accepts real codes with and without the hyphen and normalises to XXXXXXXX-X', () => {
    expect(parseOrganizationCode('19220382-1')).toEqual({
      ok: true,
      normalized: '19220382-1',
      body: '19220382',
      checkCharacter: '1',
    });
    expect(parseOrganizationCode('192203821')).toMatchObject({ ok: true, normalized: '19220382-1' });
    expect(parseOrganizationCode('214434146')).toMatchObject({ ok: true, normalized: '21443414-6' });
  });

  it('covers the check values 10 (X) and 11 (0)', () => {
    expect(organizationCodeCheckCharacter('07837941')).toBe('X');
    expect(organizationCodeCheckCharacter('MA2PBMCG')).toBe('0');
    expect(parseOrganizationCode('07837941-X')).toMatchObject({ ok: true });
    expect(parseOrganizationCode('07837941-x')).toMatchObject({ ok: true, normalized: '07837941-X' });
    expect(parseOrganizationCode('MA2PBMCG-0')).toMatchObject({ ok: true });
  });

  it('values letters A = 10 … Z = 35 and accepts lower case', () => {
    expect(parseOrganizationCode('ma2pbmem2')).toMatchObject({ ok: true, normalized: 'MA2PBMEM-2' });
    expect(parseOrganizationCode(' MA2PBMEM - 2 ')).toMatchObject({ ok: true, normalized: 'MA2PBMEM-2' });
  });

  it('rejects a wrong check character', () => {
    expect(parseOrganizationCode('19220382-2')).toEqual({ ok: false, error: 'check_character' });
    expect(parseOrganizationCode('07837941-0')).toEqual({ ok: false, error: 'check_character' });
    expect(parseOrganizationCode('MA2PBMEM-X')).toEqual({ ok: false, error: 'check_character' });
  });

  it('rejects malformed input without throwing', () => {
    for (const bad of ['', '1922038-21', '19220382-', '1922038', '1922038212', '19220382-A', '1922-0382-1', '1922038@-1', null, undefined]) {
      expect(parseOrganizationCode(bad)).toEqual({ ok: false, error: 'format' });
    }
    expect(organizationCodeCheckCharacter('1922038')).toBeNull();
    expect(organizationCodeCheckCharacter('1922038a')).toBeNull();
  });
});
