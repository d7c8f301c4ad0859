import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, parseCreditCode } from './credit-code.ts';

// Published, real codes:
// - 914403001922038216  华为技术有限公司 (Huawei Technologies), quoted in many public sources.
// - 91520000214434146R  中航重机股份有限公司 (AVIC Heavy Machinery, a listed company).
// - the rest are from the list of "numbers found online" in python-stdnum's USCC tests,
//   covering an institution (12…), the post-2015 "MA" subject codes and an individual business (92…).
// Codes marked "computed" were derived from those with creditCodeCheckCharacter.
const PUBLISHED = [
  '914403001922038216',
  '91520000214434146R',
  '91110000600037341L',
  '121200004013590816',
  '91310115MA1K3BTP2B',
  '91620105L015101280',
  '92340602MA2PBMEM24',
  '9144030071526726XG',
  '91340603MA2UJXXCXF',
];

describe('parseCreditCode (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    for (const code of PUBLISHED) expect(parseCreditCode(code), code).toMatchObject({ ok: true, normalized: code });
  });

  it('splits a code into its parts', () => {
    expect(parseCreditCode('914403001922038216')).toEqual({
      ok: true,
      normalized: '914403001922038216',
      registrationAuthority: '9',
      category: '1',
      regionCode: '440300',
      organizationCode: '19220382-1',
    });
    expect(parseCreditCode('121200004013590816')).toMatchObject({
      registrationAuthority: '1',
      category: '2',
      regionCode: '120000',
      organizationCode: '40135908-1',
    });
  });

  it('computes the check character (31 − Σ mod 31)', () => {
    for (const code of PUBLISHED) expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
    expect(creditCodeCheckCharacter('9144030019220382')).toBeNull();
    expect(creditCodeCheckCharacter('9144030019220382I')).toBeNull();
  });

  it('accepts lower case and white space and normalises them', () => {
    expect(parseCreditCode(' 91310115ma1k3btp2b ')).toMatchObject({ ok: true, normalized: '91310115MA1K3BTP2B' });
    expect(parseCreditCode('91 440300 192203821 6')).toMatchObject({ ok: true, normalized: '914403001922038216' });
  });

  it('rejects a changed check character', () => {
    expect(parseCreditCode('914403001922038217')).toEqual({ ok: false, error: 'check_character' });
    expect(parseCreditCode('91520000214434146Q')).toEqual({ ok: false, error: 'check_character' });
    expect(parseCreditCode('91310115MA1K3BTP2C')).toEqual({ ok: false, error: 'check_character' });
  });

  it('rejects the letters I, O, S, V and Z', () => {
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) {
      expect(parseCreditCode(`91310115MA1K3BTP2${letter}`)).toEqual({ ok: false, error: 'charset' });
      expect(parseCreditCode(`91310115M${letter}1K3BTP2B`)).toEqual({ ok: false, error: 'charset' });
    }
    expect(parseCreditCode('91310115MA1K3BTP2*')).toEqual({ ok: false, error: 'charset' });
  });

  it('rejects a wrong length', () => {
    for (const bad of ['', '91440300192203821', '9144030019220382166', null, undefined]) {
      expect(parseCreditCode(bad)).toEqual({ ok: false, error: 'format' });
    }
  });

  it('rejects an unknown registration authority or a non-digit division code', () => {
    // computed: Huawei's code with authority B (not assigned) and its matching check character 4
    expect(parseCreditCode('B14403001922038214')).toEqual({ ok: false, error: 'format' });
    const letterInDivision = '9144A300192203821';
    expect(parseCreditCode(letterInDivision + creditCodeCheckCharacter(letterInDivision))).toEqual({
      ok: false,
      error: 'format',
    });
  });

  it('rejects a code whose embedded organisation code fails GB 11714', () => {
    // computed: Huawei's code with the organisation code's check 1 changed to 2, and the
    // outer check character recomputed (9), so only the inner check fails.
    expect(creditCodeCheckCharacter('91440300192203822')).toBe('9');
    expect(parseCreditCode('914403001922038229')).toEqual({ ok: false, error: 'organization_code' });
  });

  it('asks the caller\u2019s division table when given', () => {
    const known = (code: string) => code === '440300';
    expect(parseCreditCode('914403001922038216', { isKnownDivision: known }).ok).toBe(true);
    expect(parseCreditCode('91520000214434146R', { isKnownDivision: known })).toEqual({ ok: false, error: 'region' });
  });
});
