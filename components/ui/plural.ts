const rules = new Intl.PluralRules('en');

/** "1 person", "3 people". */
export function plural(n: number, one: string, other: string): string {
  return `${n} ${rules.select(n) === 'one' ? one : other}`;
}
