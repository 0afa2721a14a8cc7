import { describe, expect, it } from 'vitest';
import { NoteBody, shortText, truncateUtf8, utf8Length } from '@/lib/model';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe('shortText: the same text rules on the device and the server', () => {
  it('counts UTF-8 bytes, as Postgres and the wire do', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('日')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    for (const text of ['mixed é 日本 😀 text', '\u{10FFFF}', '']) expect(utf8Length(text)).toBe(Buffer.byteLength(text));
  });

  it('caps at a number of bytes, whatever the script, and says so in words', () => {
    const text = shortText(9);
    expect(text.safeParse('abcdefghi').success).toBe(true);
    expect(text.safeParse('日本語').success).toBe(true);
    expect(messages(text.safeParse('日本語だ'))).toEqual(['is too long: 12 bytes, at most 9 (about 9 letters of English, or 3 Chinese, Japanese or Korean characters)']);
    expect(text.safeParse('😀😀😀').success).toBe(false);
    // A note of 10,000 bytes is fine; 3,334 CJK characters (10,002 bytes) is not.
    expect(NoteBody.safeParse('漢'.repeat(3333)).success).toBe(true);
    expect(messages(NoteBody.safeParse('漢'.repeat(3334)))).toEqual([expect.stringMatching(/^is too long: 10,002 bytes, at most 10,000/)]);
  });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['escape', 'a\u001b[31mb', 'U+001B'],
    ['backspace', 'a\bb', 'U+0008'],
    ['delete', 'a\u007fb', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
  ])('refuses the control character %s, naming it', (_what, input, code) => {
    expect(messages(shortText(100).safeParse(input))).toEqual([`contains an invisible control character (${code}); only tabs and line breaks are allowed`]);
  });

  it('keeps tabs and line feeds, and turns pasted CRLF and lone CR into line feeds', () => {
    expect(shortText(100).parse('  one\ttwo\r\nthree\rfour\n ')).toBe('one\ttwo\nthree\nfour');
  });

  it('refuses lone surrogates', () => {
    expect(messages(shortText(100).safeParse('broken \ud83d'))).toEqual(['must be valid Unicode text']);
  });

  it('truncates to a byte budget without splitting a character', () => {
    expect(truncateUtf8('aé日😀', 10)).toBe('aé日😀');
    expect(truncateUtf8('aé日😀', 9)).toBe('aé日');
    expect(truncateUtf8('😀😀', 5)).toBe('😀');
    expect(truncateUtf8('日本', 2)).toBe('');
  });
});
