/**
 * The words people and notes are found by are stored on every device: people's `nameWords` and
 * `searchWords` indexes, and the `noteWords` table (lib/db/note-words.ts). A change to how text
 * becomes words would leave every device's stored words in the old form, and searches would
 * miss people until each row was written again. So such a change needs a schema version whose
 * upgrade leaves the rows to a walk that writes them again (lib/db/upgrade-walks.ts, as v16 did
 * for notes). This test pins the words so the change cannot be made without meeting this.
 */
import { describe, expect, it } from 'vitest';
import { noteSearchWords, personSearchWords } from '@/lib/db/search-words';

const WHY = 'the words stored on devices would no longer match: add a schema version that walks the stored rows again (see this file’s comment), then update these';

const TEXTS = ['Núñez-García, Ana', 'Staff SRE @ Globex (São Paulo)', 'to be or not to be', "O'Brien & Co.", 'x'.repeat(45), 'Ñandú 12 años — C++/C# dev', 'İstanbul ŞEHİR straße', '北京 工程师', 'kafka Kafka KAFKA'];

describe('the words stored for search', () => {
  it('are the same for people as the devices stored them', () => {
    expect(
      TEXTS.map((name) => personSearchWords({ name, headline: null, company: 'Acme', location: null })),
      WHY,
    ).toEqual([
      ['nunez', 'garcia', 'ana', 'acme'],
      ['staff', 'sre', 'globex', 'sao', 'paulo', 'acme'],
      ['to', 'be', 'or', 'not', 'acme'],
      ['o', 'brien', 'co', 'acme'],
      ['x'.repeat(40), 'acme'],
      ['nandu', '12', 'anos', 'c', 'dev', 'acme'],
      ['istanbul', 'sehir', 'straße', 'acme'],
      ['北京', '工程师', 'acme'],
      ['kafka', 'acme'],
    ]);
  });

  it('are the same for notes as the devices stored them', () => {
    expect(TEXTS.map(noteSearchWords), WHY).toEqual([
      ['nunez', 'garcia', 'ana'],
      ['staff', 'sre', 'globex', 'sao', 'paulo'],
      ['not'],
      ['brien'],
      ['x'.repeat(40)],
      ['nandu', 'anos', 'dev'],
      ['istanbul', 'sehir', 'straße'],
      ['工程师'],
      ['kafka'],
    ]);
  });
});
