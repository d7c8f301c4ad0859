import { describe, expect, it } from 'vitest';
import { commonText, dropTextMarker, guardCell, hiddenCharacter, multiLineText, singleLineText } from './text.ts';

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('hiddenCharacter', () => {
  const bidi = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
  const invisible = ['\u200B', '\u200C', '\u200D', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF', '\u180E', '\u00AD', '\u034F', '\uFE0F', '\u3164', '\u{E0041}', '\u0600'];
  const control = ['\u0000', '\u0001', '\u001B', '\u007F', '\u0080', '\u0085', '\u009F', '\u2028', '\u2029'];

  it('names each refused character by class and code point, wherever it stands', () => {
    for (const [chars, code] of [[bidi, 'common.text.bidi_control'], [invisible, 'common.text.invisible'], [control, 'common.text.control']] as const) {
      for (const c of chars) {
        for (const s of [`${c}张三`, `张${c}三`, `张三${c}`]) expect(hiddenCharacter(s, 'multi'), hex(c)).toEqual({ code, char: hex(c) });
      }
    }
    expect(hiddenCharacter('王\uD800芳', 'single')).toEqual({ code: 'common.text.unpaired_surrogate', char: 'U+D800' });
    expect(hiddenCharacter('王\uDC00', 'single')).toEqual({ code: 'common.text.unpaired_surrogate', char: 'U+DC00' });
    // The first offender is reported.
    expect(hiddenCharacter('a\u200Bb\u202Ec', 'single')).toEqual({ code: 'common.text.invisible', char: 'U+200B' });
  });

  it('allows TAB, LF and CR only in multi-line text', () => {
    for (const c of ['\t', '\n', '\r']) {
      expect(hiddenCharacter(`一${c}二`, 'multi')).toBeNull();
      expect(hiddenCharacter(`一${c}二`, 'single')).toEqual({ code: 'common.text.control', char: hex(c) });
    }
  });

  it('accepts names banks receive: rare characters outside the BMP, middle dots, full-width and accented text, private use', () => {
    for (const s of ['𠮷', '𡈼', '𪚥𰻞', '阿依古丽·买买提', '阿依古丽・买买提', '阿依古丽•买买提', '（ＡＢＣ）有限公司', 'François Müller', 'Zoe\u0301', "O'Brien-Smith", '王\u3000芳', '\uE000', '张三 🙂']) {
      expect(hiddenCharacter(s, 'single'), s).toBeNull();
    }
  });

  it('takes the fast path only for text that holds nothing to refuse and is already NFC', () => {
    expect(['6222020000000000011', '张三', '阿依古丽·买买提', '（ＡＢＣ）', '北京市 朝阳区'].every(commonText)).toBe(true);
    for (const s of ['\u202E', '\u200B', 'e\u0301', '\uF900', '\u302A', '𠮷', '\t']) expect(commonText(s), hex(s)).toBe(false);
  });
});

describe('singleLineText and multiLineText', () => {
  it('store NFC, trimmed, without the text marker, and keep the length limits', () => {
    expect(singleLineText().parse('  Cafe\u0301 ')).toBe('Caf\u00e9');
    // U+F900 is a CJK compatibility ideograph: NFC maps it to its unified form.
    expect(singleLineText().parse('\uF900')).toBe('\u8C48');
    expect(singleLineText().parse("'=HYPERLINK(\"x\")")).toBe('=HYPERLINK("x")');
    expect(singleLineText().parse("''=x")).toBe("'=x");
    expect(singleLineText().parse("'abc")).toBe("'abc");
    expect(singleLineText().max(2).safeParse('三个字').success).toBe(false);
    expect(multiLineText().parse('第一行\r\n第二行\n')).toBe('第一行\r\n第二行');
  });

  it('refuse with the rule code as the message and in params, for problem.ts and the import report', () => {
    const r = singleLineText().safeParse('张\n三');
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ code: 'custom', message: 'common.text.control', params: { code: 'common.text.control', char: 'U+000A' } })]);
  });
});

describe('the spreadsheet text marker', () => {
  it('is added by the export and dropped on the way back, so a value survives the round trip', () => {
    for (const v of ['=1+1', '+86 532 8888', '-5', '@SUM(A1)', 'plain', "'quoted", "'=already"]) {
      const cell = guardCell(v);
      expect(dropTextMarker(cell as string), v).toBe(v);
    }
    expect(guardCell('=1+1')).toBe("'=1+1");
    expect(guardCell(42)).toBe(42);
  });
});
