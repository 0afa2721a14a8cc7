import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { readMe } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import { findProspectByKey } from '@/lib/db/queries';
import type { MatchReason } from '@/lib/identity';
import { SITE_NAMES, type Prospect, type ProspectIdentity, canAttachProfile, canMergePeople } from '@/lib/model';
import { prospectAttachProfile } from '@/lib/mutations';
import { dismissSuggestion, matchPage, notSamePerson } from '@/lib/prospects/page-match';
import { recordVisit } from '@/lib/prospects/record-visit';
import { MergeWith } from './merge-with';
import { PeopleSearch, PersonName } from './people-search';

const REASONS: Record<MatchReason, string> = {
  'linked-profile': 'this page links their profile',
  'same-email': 'same email address',
  'name-and-company': 'same name and company',
  'name-and-email-domain': 'same name and company email domain',
};

/**
 * Whether the page's person is someone the team already has. For a page the team does not
 * know yet: "Same person as …?" for each suggestion (Yes attaches the page's profile to them;
 * No is remembered on this device for this profile, and after the last No the visit is
 * recorded) and a search of the team's people. For a known person: "Merge with…", for
 * recruiters and admins.
 */
export function SamePerson({ identity }: { identity: ProspectIdentity }) {
  const db = useDb();
  const state = useLiveQuery(async () => {
    const [me, known] = await Promise.all([readMe(db), findProspectByKey(db, identity.key)]);
    if (known) return { me, known, suggested: [] as { person: Prospect; reasons: MatchReason[] }[], joined: null };
    const [match, dismissed] = await Promise.all([matchPage(db, identity), notSamePerson(db, identity.key)]);
    const open = match.suggestions.filter((s) => !dismissed.includes(s.personId));
    const people = await db.prospects.bulkGet([...open.map((s) => s.personId), ...(match.join ? [match.join.personId] : [])]);
    const byId = new Map(people.flatMap((p) => (p ? [[p.id, p] as const] : [])));
    const suggested = open.flatMap((s) => (byId.has(s.personId) ? [{ person: byId.get(s.personId)!, reasons: s.reasons }] : []));
    return { me, known: null, suggested, joined: match.join ? (byId.get(match.join.personId) ?? null) : null };
  }, [db, identity]);
  if (!state?.me) return null;
  const { me, known, suggested, joined } = state;
  if (known) return canMergePeople(me.role) ? <MergeWith person={known} /> : null;
  if (!canAttachProfile(me.role)) {
    return joined ? (
      <p className="muted small">
        This page links <PersonName person={joined} />: a recruiter or sourcer adds it to them.
      </p>
    ) : null;
  }
  return <SamePersonQuestion identity={identity} suggested={suggested} />;
}

function SamePersonQuestion({ identity, suggested }: { identity: ProspectIdentity; suggested: { person: Prospect; reasons: MatchReason[] }[] }) {
  const db = useDb();
  const { run, error, busy } = useAction();
  const [picked, setPicked] = useState<Prospect | null>(null);
  const attach = (person: Prospect) => run(() => mutate(db, prospectAttachProfile, { prospectId: person.id, identity }));
  // The visit waited for the answer (recordVisit); after the last No it is recorded as a person of their own.
  const answerNo = async (person: Prospect) => {
    await dismissSuggestion(db, identity.key, person.id);
    if (suggested.length === 1) await recordVisit(db, identity);
  };
  const site = SITE_NAMES[identity.site];
  return (
    <section aria-labelledby="same-person-heading" className="same-person">
      <h2 id="same-person-heading">Same person?</h2>
      {suggested.map(({ person, reasons }) => (
        <div key={person.id} data-testid="same-person-suggestion" className="suggestion">
          <p>
            Same person as <PersonName person={person} />?{' '}
            <span className="muted small">({reasons.map((r) => REASONS[r]).join('; ')})</span>
          </p>
          <div className="row">
            <button type="button" disabled={busy} aria-label={`Yes, same person as ${person.name}`} onClick={() => void attach(person)}>
              Yes
            </button>
            <button type="button" aria-label={`No, not ${person.name}`} onClick={() => void run(() => answerNo(person))}>
              No
            </button>
          </div>
        </div>
      ))}
      {picked ? (
        <div className="confirm" role="group" aria-label="Confirm the same person">
          <p>
            Add this {site} profile to <PersonName person={picked} />? Its notes and history will be theirs.
          </p>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void attach(picked).then((ok) => ok && setPicked(null))}>
              Add to <span dir="auto">{picked.name}</span>
            </button>
            <button type="button" onClick={() => setPicked(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <PeopleSearch label="Search the team’s people" action="Same person:" onPick={setPicked} />
      )}
      <ErrorMessage error={error} />
    </section>
  );
}
