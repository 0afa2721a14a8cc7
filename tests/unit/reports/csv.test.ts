import { describe, expect, it } from 'vitest';
import { toCsv } from '@/lib/reports/csv';

describe('toCsv', () => {
  it('quotes separators and line breaks, keeps numbers unrounded and writes null as empty', () => {
    expect(toCsv(['name', 'rate', 'note'], [['Doe, Jane', 2 / 3, 'line one\nline "two"'], ['Ng', null, '']])).toBe(
      'name,rate,note\r\n"Doe, Jane",0.6666666666666666,"line one\nline ""two"""\r\nNg,,',
    );
  });

  it('escapes cells a spreadsheet would run as a formula', () => {
    expect(toCsv(['name'], [['=HYPERLINK("http://evil")'], ['@SUM(A1)']])).toBe('name\r\n"\'=HYPERLINK(""http://evil"")"\r\n"\'@SUM(A1)"');
  });
});
