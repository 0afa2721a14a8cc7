import type { OfferDeclineReason, Role } from '@/lib/model';

/** The demo team: two recruiters, two sourcers and two hiring managers (one quick, one slow). */
export const DEMO_MEMBERS = [
  { key: 'riley', email: 'riley.chen@demo.tandem', role: 'recruiter' },
  { key: 'maya', email: 'maya.okafor@demo.tandem', role: 'recruiter' },
  { key: 'sam', email: 'sam.lindqvist@demo.tandem', role: 'sourcer' },
  { key: 'ines', email: 'ines.moreau@demo.tandem', role: 'sourcer' },
  { key: 'hannah', email: 'hannah.ito@demo.tandem', role: 'hiring_manager' },
  { key: 'omar', email: 'omar.haddad@demo.tandem', role: 'hiring_manager' },
] as const satisfies readonly { key: string; email: string; role: Role }[];

export type DemoMemberKey = (typeof DEMO_MEMBERS)[number]['key'];

/** How long a hiring manager takes to decide on one person, in hours (low, high): Hannah the same day, Omar days later. */
export const FEEDBACK_HOURS: Partial<Record<DemoMemberKey, [number, number]>> = { hannah: [1, 7], omar: [10, 110] };

/** Why people leave at a stage, by the kind of role (the words recruiters write in the reason). */
export interface RoleWords {
  titles: readonly string[];
  screenRejections: readonly string[];
  managerRejections: readonly string[];
  finalRejections: readonly string[];
}

const ENGINEERING: RoleWords = {
  titles: ['Senior Backend Engineer', 'Staff Software Engineer', 'Backend Engineer', 'Senior Software Engineer, Payments', 'Software Engineer II'],
  screenRejections: ['Compensation expectations well above the band', 'Wants fully remote; the role is hybrid', 'Not enough hands-on backend work in the last years', 'Six months notice period'],
  managerRejections: ['Hiring manager screen: not the depth in distributed systems we need', 'Looking for a management track, not this role', 'Communication did not land with the team'],
  finalRejections: ['System design below the bar', 'Mixed panel, no strong advocate', 'Pairing exercise did not meet the bar'],
};

const PLATFORM: RoleWords = {
  titles: ['Platform Engineer', 'Site Reliability Engineer', 'Senior DevOps Engineer', 'Infrastructure Engineer', 'Cloud Engineer'],
  screenRejections: ['Mostly managed services; little hands-on Kubernetes', 'Compensation expectations well above the band', 'Wants a four-day week', 'No on-call experience'],
  managerRejections: ['Hiring manager screen: incident stories too thin', 'Hiring manager screen: wants a pure SRE role'],
  finalRejections: ['Troubleshooting exercise below the bar', 'Panel unconvinced on Terraform depth', 'Mixed panel, no strong advocate'],
};

const DESIGN: RoleWords = {
  titles: ['Senior Product Designer', 'Product Designer', 'UX Designer', 'Lead Product Designer', 'Interaction Designer'],
  screenRejections: ['Portfolio mostly marketing sites', 'Compensation expectations well above the band', 'Wants a contract role'],
  managerRejections: ['Portfolio review: little evidence of research', 'Portfolio review: consumer apps only, no B2B'],
  finalRejections: ['Strong portfolio; the team chose a candidate with deeper design-systems work', 'Case study presentation did not convince the panel', 'Whiteboard critique below the bar'],
};

export interface DemoRequisition {
  key: 'payments' | 'platform' | 'design';
  title: string;
  hiringManager: DemoMemberKey;
  recruiters: readonly DemoMemberKey[];
  sourcers: readonly DemoMemberKey[];
  mustHaves: readonly string[];
  niceToHaves: readonly string[];
  feedbackSlaHours: number;
  targetHires: number;
  /** Days before now it was opened, and the target date in days from now. */
  openedDaysAgo: number;
  targetInDays: number;
  stages: readonly string[];
  words: RoleWords;
  /** People the team sourced into it at random (besides the scripted ones). */
  people: number;
}

const STAGES = ['Sourced', 'Contacted', 'Replied', 'Recruiter screen', 'Hiring manager screen', 'Onsite', 'Offer', 'Hired'];

export const DEMO_REQUISITIONS: readonly DemoRequisition[] = [
  {
    key: 'payments',
    title: 'Senior Backend Engineer, Payments',
    hiringManager: 'hannah',
    recruiters: ['riley'],
    sourcers: ['sam', 'ines'],
    mustHaves: ['Go or Rust in production', 'Payments or ledger systems', 'Postgres at scale', 'On-call experience'],
    niceToHaves: ['Kafka', 'PCI DSS'],
    feedbackSlaHours: 48,
    targetHires: 2,
    openedDaysAgo: 84,
    targetInDays: 35,
    stages: STAGES,
    words: ENGINEERING,
    people: 36,
  },
  {
    key: 'platform',
    title: 'Platform Engineer (Kubernetes)',
    hiringManager: 'omar',
    recruiters: ['maya'],
    sourcers: ['ines', 'sam'],
    mustHaves: ['Kubernetes operators', 'Terraform', 'Incident leadership'],
    niceToHaves: ['Go', 'Service mesh'],
    feedbackSlaHours: 48,
    targetHires: 1,
    openedDaysAgo: 70,
    targetInDays: 21,
    stages: STAGES,
    words: PLATFORM,
    people: 30,
  },
  {
    key: 'design',
    title: 'Senior Product Designer',
    hiringManager: 'hannah',
    recruiters: ['riley', 'maya'],
    sourcers: ['sam'],
    mustHaves: ['Design systems', 'B2B SaaS', 'User research'],
    niceToHaves: ['Prototyping in code'],
    feedbackSlaHours: 72,
    targetHires: 1,
    openedDaysAgo: 82,
    targetInDays: -20,
    stages: ['Sourced', 'Contacted', 'Replied', 'Recruiter screen', 'Portfolio review', 'Onsite', 'Offer', 'Hired'],
    words: DESIGN,
    people: 24,
  },
];

export const FIRST_NAMES = ['Ada', 'Bruno', 'Carmen', 'Dario', 'Elif', 'Femi', 'Greta', 'Hugo', 'Ilse', 'Jonas', 'Kaia', 'Lucas', 'Mira', 'Nils', 'Olga', 'Priya', 'Quentin', 'Rosa', 'Soren', 'Tala', 'Uma', 'Viktor', 'Wren', 'Yara', 'Zeno', 'Amara', 'Bjorn', 'Chiara', 'Dev', 'Esme'];
export const LAST_NAMES = ['Abernathy', 'Brightwater', 'Calloway', 'Dunmore', 'Eskildsen', 'Fairweather', 'Galloway', 'Hollingsworth', 'Ivarsson', 'Jablonski', 'Kettering', 'Lindqvist-Roe', 'Marchetti', 'Nightingale', 'Oyelaran', 'Pemberton', 'Quayle', 'Rasmussen-Pike', 'Silvermoon', 'Thistlewood', 'Umberfield', 'Vantongeren', 'Whitlock', 'Yardley', 'Zeller'];
/** Made-up companies, none a real one. */
export const COMPANIES = ['Northwind Pay', 'Globex Cloud', 'Initech', 'Umbrella Health', 'Brightfold', 'Lakeshore Ledger', 'Hooli', 'Pied Piper', 'Vandelay Imports', 'Soylent Labs', 'Quillbridge', 'Tessellate Systems'];
export const PLACES = ['Stockholm, Sweden', 'Berlin, Germany', 'London, United Kingdom', 'Lisbon, Portugal', 'Amsterdam, Netherlands', 'Warsaw, Poland', 'Dublin, Ireland', 'Barcelona, Spain'];
/** Headlines of people the sourcers looked at without adding them to a requisition. */
export const OTHER_TITLES = ['Data Engineer', 'Engineering Manager', 'Mobile Engineer (iOS)', 'Security Engineer', 'Machine Learning Engineer', 'Frontend Engineer', 'QA Lead'];

export const SOURCING_NOTES = [
  'Strong Go and Postgres background; led a migration off a monolith.',
  'Open to a move in spring. Prefers hybrid, two days in office at most.',
  'Referred by a former colleague. Ask about the payments platform work.',
  'Spoke at a meetup on observability; could fit the platform role too.',
  'Great calibration profile: exactly the must-haves.',
  'Has been at the company four years; vesting ends next quarter.',
];
export const SCREEN_NOTES = [
  'Screen: clear communicator, motivated by ownership. Notice period one month.',
  'Screen: expectations inside the band; interviewing at two other places.',
  'Screen: wants to grow into a lead role within a year. Good questions about on-call.',
  'Screen: relocating in summer anyway; very keen on the team.',
];
export const PRIVATE_NOTES = ['Salary expectation shared in confidence: top of the band. Keep until the offer stage.'];
export const APPROVE_NOTES = ['Yes, let us talk.', 'Strong match, keen to meet.', 'Good profile; probe the scale of their systems.', 'Approve. Ask about team leadership.'];
export const REJECT_NOTES = ['Not enough depth for this level.', 'Pass: the experience is adjacent, not core.', 'Not for this role; maybe the mid-level one next quarter.'];
export const LATE_APPROVE_NOTE = 'Sorry for the slow reply: strong profile, would have liked to meet them.';

export const WITHDRAWALS = ['Accepted another offer', 'Decided to stay after a promotion', 'Relocation no longer possible'];
export const NO_REPLY = 'No response after two follow-ups';
export const NOT_INTERESTED = 'Not looking to move right now';
export const LOST_WAITING = 'Accepted another offer while waiting for our feedback';
export const ROLE_FILLED = 'Role filled';

/** The detail a recruiter writes beside a declined offer's reason. */
export const DECLINE_DETAILS: Record<OfferDeclineReason, string> = {
  compensation: 'Base salary 15% below their other offer',
  another_offer: 'Signed with another company the same week',
  role_scope: 'Wanted a broader remit than the role has',
  location_remote: 'Wanted fully remote; the role is two days in the office',
  counter_offer: 'Current employer matched and added a retention bonus',
  timing: 'Did not want to move before their bonus in spring',
  other: 'Family reasons',
};
