import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { ulid } from 'ulidx';
import type { ProspectIdentity, Role } from '@/lib/model';

/** A believable recruiting team: who they are and what they did, as the mutations they would push. */
export interface DemoMember {
  email: string;
  role: Role;
}

export const DEMO_MEMBERS: DemoMember[] = [
  { email: 'riley.chen@demo.tandem', role: 'recruiter' },
  { email: 'maya.okafor@demo.tandem', role: 'recruiter' },
  { email: 'sam.lindqvist@demo.tandem', role: 'sourcer' },
  { email: 'ines.moreau@demo.tandem', role: 'sourcer' },
  { email: 'tom.becker@demo.tandem', role: 'sourcer' },
  { email: 'hannah.ito@demo.tandem', role: 'hiring_manager' },
  { email: 'omar.haddad@demo.tandem', role: 'hiring_manager' },
];

const FIRST = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Dennis', 'Frances', 'Ken', 'Radia', 'Tim', 'Katherine', 'Guido', 'Anita', 'Yukihiro', 'Sophie', 'Bjarne', 'Hedy', 'James', 'Shafi'];
const LAST = ['Nakamura', 'Okonkwo', 'Johansson', 'Fernández', 'Kowalski', 'Haddad', 'Müller', 'Rossi', 'Dubois', 'Singh', 'Novak', 'Andersen', 'Costa', 'Kim', 'Walsh', 'Petrov'];
const TITLES = ['Senior Backend Engineer', 'Staff Frontend Engineer', 'Engineering Manager', 'Platform Engineer', 'Data Engineer', 'Product Designer', 'Site Reliability Engineer', 'Machine Learning Engineer', 'Mobile Engineer (iOS)', 'Security Engineer'];
const COMPANIES = ['Northwind', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Fintech', 'Hooli', 'Pied Piper', 'Vandelay Imports', 'Soylent Labs'];
const PLACES = ['Stockholm, Sweden', 'Berlin, Germany', 'London, United Kingdom', 'Lisbon, Portugal', 'Amsterdam, Netherlands', 'New York, United States', 'Toronto, Canada', 'Remote'];
const NOTES = [
  'Strong Go and Postgres background; led a migration off a monolith.',
  'Open to a move in spring. Prefers hybrid, two days in office max.',
  'Referred by a former colleague. Ask about the payments platform work.',
  'Not looking right now; check back after their vesting cliff in Q3.',
  'Great calibration profile for the platform role: exactly the must-haves.',
  'Salary expectations above band; flag to the hiring manager before screening.',
  'Replied quickly, curious about the team size and on-call rotation.',
  'Spoke at a conference on observability; could be a fit for SRE too.',
];

export interface DemoMutation {
  author: number;
  name: string;
  args: Record<string, unknown>;
}

/** Deterministic demo activity for `people` prospects over the last ~90 days before `now`. */
export function demoMutations({ people = 40, seed = 7, now = Date.now() }: { people?: number; seed?: number; now?: number } = {}): DemoMutation[] {
  const rng = xoroshiro128plus(seed);
  const int = (a: number, b: number) => uniformInt(rng, a, b);
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)]!;
  const DAY = 86_400_000;
  const recruiters = DEMO_MEMBERS.flatMap((m, i) => (m.role === 'recruiter' ? [i] : []));
  const out: DemoMutation[] = [];
  for (let p = 0; p < people; p++) {
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const slug = `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '-')}-${p}`;
    const company = pick(COMPANIES);
    const identity: ProspectIdentity = {
      site: 'linkedin',
      key: `linkedin:${slug}`,
      url: `https://www.linkedin.com/in/${slug}/`,
      name,
      headline: `${pick(TITLES)} at ${company}`,
      company,
      location: pick(PLACES),
    };
    const id = ulid();
    let at = now - int(10, 90) * DAY;
    const sourcer = int(2, 4);
    out.push({ author: sourcer, name: 'prospect.upsert', args: { id, identity, at } });
    out.push({ author: sourcer, name: 'activity.log', args: { id: ulid(), prospectId: id, kind: 'viewed', at } });
    for (let n = int(0, 2); n > 0; n--) {
      at += int(1, 5) * DAY;
      out.push({ author: int(0, 4), name: 'note.add', args: { id: ulid(), prospectId: id, body: pick(NOTES), visibility: int(0, 9) === 0 ? 'private' : 'team', at } });
    }
    if (int(0, 2) > 0) {
      at += int(1, 5) * DAY;
      out.push({ author: pick(recruiters), name: 'activity.log', args: { id: ulid(), prospectId: id, kind: 'outreach', data: { channel: pick(['inmail', 'email', 'call'] as const) }, at } });
      if (int(0, 1)) {
        at += int(1, 4) * DAY;
        out.push({ author: pick(recruiters), name: 'activity.log', args: { id: ulid(), prospectId: id, kind: 'reply', data: { interest: pick(['replied', 'interested', 'not_interested'] as const) }, at } });
      }
    }
    if (p % 17 === 5) out.push({ author: pick(recruiters), name: 'prospect.setDoNotContact', args: { prospectId: id, reason: 'Asked not to be contacted again', activityId: ulid(), at: at + DAY } });
  }
  return out;
}
