// A recruiting team's history at the scale of the dashboard budgets (issue 10): 100,000 people,
// 1,000,000 activities over twelve weeks from 20 members, six requisitions with their pipelines
// (one with at least 500 active entries, for the board), review requests and decisions, and
// 50,000 notes. Everything follows from the seed and the scale: the filling page generates it
// a chunk of people at a time rather than receiving 1.1M rows over the DevTools protocol.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import {
  type Activity,
  DEFAULT_STAGES,
  LOCAL_TEAM_ID,
  type Me,
  type Member,
  type Note,
  type OfferDeclineReason,
  type PipelineEntry,
  type PipelineStatus,
  type Prospect,
  type Requisition,
  type ReviewDecision,
  type ReviewRequest,
  type Role,
  pipelineEntryId,
} from '@/lib/model';

/** Bump when the generated data changes: cached browser profiles are keyed by it. */
export const DATA_VERSION = 3;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const SPAN_DAYS = 84;

export interface DatasetOptions {
  /** 1: the budgets' 100,000 people and 1,000,000 activities; 0.1 for quick runs. */
  scale: number;
  seed: number;
  /** The history ends here (ms). */
  now: number;
  /** Notes in all (default 50,000 × scale; the large-team bench's 200,000). */
  notes?: number;
  /**
   * People with hundreds of activities (200–600 each, taken from the others' so the total
   * stays): the large-team bench times the heaviest feeds. Default none.
   */
  heavyPeople?: number;
}

/** The variant's part of a cache key: '' for the dashboard's default data. */
export function variantKey(options: Pick<DatasetOptions, 'notes' | 'heavyPeople'>): string {
  return `${options.notes === undefined ? '' : `-notes${options.notes}`}${options.heavyPeople ? `-heavy${options.heavyPeople}` : ''}`;
}

/** The rows of one chunk of people (and, in the first chunk, the team), by Dexie table. */
export interface DatasetChunk {
  members: Member[];
  requisitions: Requisition[];
  reviewRequests: ReviewRequest[];
  prospects: Prospect[];
  activities: Activity[];
  notes: Note[];
  pipeline: PipelineEntry[];
  reviewDecisions: ReviewDecision[];
}

class Rand {
  private readonly g: ReturnType<typeof xoroshiro128plus>;
  constructor(...seeds: number[]) {
    let h = 0x811c9dc5;
    for (const s of seeds) h = Math.imul(h ^ (s | 0), 0x01000193) ^ (h >>> 15);
    this.g = xoroshiro128plus(h);
  }
  /** Uniform in [0, 1). */
  float(): number {
    return (this.g.next() >>> 0) / 4_294_967_296;
  }
  int(from: number, to: number): number {
    return from + Math.floor(this.float() * (to - from + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.float() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  /** Exponentially distributed with this mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }
  bits5(): number {
    return this.g.next() & 31;
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID made at `t`, its random part from `rand` (as `ulid()` would make it then). */
function ulidAt(t: number, rand: Rand): string {
  let time = '';
  let rest = Math.floor(t);
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[rand.bits5()]!;
  return time + random;
}

const FIRST = [
  'Ada', 'Aisha', 'Alejandro', 'Amara', 'Anders', 'Ana', 'Anika', 'Arjun', 'Astrid', 'Ayumi', 'Beatriz', 'Ben', 'Björn', 'Camille', 'Carlos', 'Chen', 'Chidi',
  'Chloé', 'Daniel', 'Dario', 'Deepa', 'Elena', 'Elif', 'Emeka', 'Emil', 'Emma', 'Farah', 'Fatima', 'Felix', 'Freya', 'Gabriel', 'Giulia', 'Hana', 'Hannah',
  'Hiroshi', 'Ibrahim', 'Ines', 'Ingrid', 'Isabel', 'Ivan', 'Jakob', 'James', 'Javier', 'Jin', 'João', 'Jonas', 'Julia', 'Kai', 'Kamala', 'Karin', 'Kenji',
  'Khalid', 'Laila', 'Lars', 'Laura', 'Lea', 'Leon', 'Li', 'Lina', 'Lucas', 'Lucía', 'Luka', 'Maja', 'Malik', 'Marco', 'María', 'Marta', 'Mateo', 'Maya',
  'Mei', 'Mia', 'Miguel', 'Mikael', 'Nadia', 'Nils', 'Noah', 'Nora', 'Olga', 'Oliver', 'Omar', 'Pablo', 'Paula', 'Priya', 'Rafael', 'Rahul', 'Rania', 'Ravi',
  'Rosa', 'Samir', 'Sara', 'Sebastian', 'Sofia', 'Sophie', 'Sven', 'Tariq', 'Theo', 'Tomás', 'Valentina', 'Wei', 'Yara', 'Yusuf', 'Zainab', 'Zoë',
];
const LAST = [
  'Abe', 'Adeyemi', 'Andersen', 'Bakker', 'Banerjee', 'Becker', 'Berg', 'Bianchi', 'Brown', 'Castillo', 'Chen', 'Costa', 'Dahl', 'Demir', 'Dubois', 'Eriksson',
  'Fernández', 'Fischer', 'Fontaine', 'García', 'Gupta', 'Haddad', 'Hansen', 'Hoffmann', 'Horvat', 'Hughes', 'Ito', 'Ivanova', 'Jansen', 'Jensen', 'Johansson',
  'Kaya', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Laurent', 'Lee', 'Lehmann', 'Lindqvist', 'López', 'Martin', 'Mendes', 'Meyer', 'Moreau', 'Müller', 'Murphy',
  'Nakamura', 'Nguyen', 'Nielsen', 'Novak', "O'Brien", 'Okafor', 'Okonkwo', 'Olsen', 'Park', 'Patel', 'Pereira', 'Petrov', 'Popescu', 'Quenneville', 'Rahman',
  'Reddy', 'Richter', 'Rossi', 'Russo', 'Sánchez', 'Santos', 'Sato', 'Schmidt', 'Schneider', 'Shah', 'Silva', 'Singh', 'Smith', 'Sørensen', 'Suzuki',
  'Svensson', 'Takahashi', 'Tanaka', 'Thomas', 'Van Dijk', 'Virtanen', 'Wagner', 'Walsh', 'Wang', 'Weber', 'Wilson', 'Wójcik', 'Yamamoto', 'Yilmaz', 'Zhang',
];
const TITLES = [
  'Backend Engineer', 'Frontend Engineer', 'Full-Stack Engineer', 'Platform Engineer', 'Site Reliability Engineer', 'Data Engineer', 'Machine Learning Engineer',
  'Mobile Engineer (iOS)', 'Android Engineer', 'Security Engineer', 'Engineering Manager', 'Product Designer', 'Product Manager', 'Data Scientist',
  'DevOps Engineer', 'QA Engineer', 'Solutions Architect', 'Technical Recruiter', 'Embedded Software Engineer', 'Database Administrator',
];
const SENIORITY = ['', 'Senior ', 'Senior ', 'Staff ', 'Principal ', 'Lead ', 'Junior '];
const SKILLS = [
  'Go', 'Rust', 'Java', 'Kotlin', 'TypeScript', 'React', 'Python', 'Postgres', 'Kafka', 'Kubernetes', 'AWS', 'GCP', 'Terraform', 'gRPC', 'GraphQL', 'Spark',
  'Airflow', 'dbt', 'PyTorch', 'Swift', 'Elixir', 'Scala', 'C++', 'Redis', 'Elasticsearch', 'observability', 'payments', 'distributed systems', 'design systems',
];
const COMPANY_HEADS = ['Nord', 'Blue', 'Bright', 'Cloud', 'Data', 'Fin', 'Green', 'Hyper', 'Iron', 'Lumen', 'Meta', 'Nova', 'Open', 'Pixel', 'Quant', 'Red', 'Silver', 'Stack', 'Terra', 'Vertex', 'Wave', 'Zen'];
const COMPANY_TAILS = ['wind', 'forge', 'labs', 'works', 'ly', 'hub', 'scale', 'point', 'stream', 'bit', 'path', 'cart', 'pay', 'mind', 'grid', 'flow'];
const COMPANY_SUFFIXES = ['', '', '', ' GmbH', ' AB', ' Inc.', ' Ltd', ' B.V.', ' SAS'];
const PLACES = [
  'Berlin, Germany', 'Munich, Germany', 'Hamburg, Germany', 'Stockholm, Sweden', 'Gothenburg, Sweden', 'Copenhagen, Denmark', 'Oslo, Norway', 'Helsinki, Finland',
  'Amsterdam, Netherlands', 'Rotterdam, Netherlands', 'London, United Kingdom', 'Manchester, United Kingdom', 'Dublin, Ireland', 'Paris, France', 'Lyon, France',
  'Barcelona, Spain', 'Madrid, Spain', 'Lisbon, Portugal', 'Porto, Portugal', 'Milan, Italy', 'Zurich, Switzerland', 'Vienna, Austria', 'Warsaw, Poland',
  'Kraków, Poland', 'Prague, Czechia', 'Tallinn, Estonia', 'New York, United States', 'San Francisco, United States', 'Austin, United States',
  'Toronto, Canada', 'Montreal, Canada', 'São Paulo, Brazil', 'Bengaluru, India', 'Singapore', 'Tokyo, Japan', 'Sydney, Australia', 'Remote',
];
const NOTE_OPENERS = [
  'Strong {skill} background; led a migration off a monolith at {company}.',
  'Open to a move in spring. Prefers hybrid, two days in the office at most.',
  'Referred by a former colleague from {company}. Ask about the {skill} work.',
  'Not looking right now; check back after their vesting cliff in Q3.',
  'Great calibration profile: exactly the must-haves, plus {skill}.',
  'Salary expectations above band; flag to the hiring manager before screening.',
  'Replied quickly, curious about team size and the on-call rotation.',
  'Spoke at a conference on {skill}; could fit the platform team too.',
  'Silver medalist from last quarter: reached the onsite, lost to an internal move.',
  'Relocating to {place} this summer; would consider a visa sponsorship.',
];
const REJECTION_REASONS = [
  'Not enough depth in the core stack',
  'Compensation expectations above band',
  'Hiring manager passed after the screen',
  'The role needs on-site presence',
  'Stronger candidates in the loop',
  'Did not pass the system design interview',
];
const WITHDREW_REASONS = ['Accepted another offer', 'Not looking any more', 'Stayed after a promotion', 'Personal reasons'];
const OFFER_DECLINES: OfferDeclineReason[] = ['compensation', 'compensation', 'another_offer', 'another_offer', 'role_scope', 'location_remote', 'counter_offer', 'timing', 'other'];
const DECISION_NOTES = ['Good fit for the team.', 'Strong on the must-haves.', 'Not senior enough for this one.', 'Would like to see more ownership.', ''];

const MEMBERS: { name: string; role: Role }[] = [
  { name: 'Alex Morgan', role: 'admin' },
  { name: 'Riley Chen', role: 'recruiter' },
  { name: 'Maya Okafor', role: 'recruiter' },
  { name: 'Jonas Weber', role: 'recruiter' },
  { name: 'Priya Raman', role: 'recruiter' },
  { name: 'Lucía Ortega', role: 'recruiter' },
  { name: 'Sam Lindqvist', role: 'sourcer' },
  { name: 'Ines Moreau', role: 'sourcer' },
  { name: 'Tom Becker', role: 'sourcer' },
  { name: 'Aiko Tanaka', role: 'sourcer' },
  { name: 'Kofi Mensah', role: 'sourcer' },
  { name: 'Elin Berg', role: 'sourcer' },
  { name: 'Marek Novak', role: 'sourcer' },
  { name: 'Dana Levi', role: 'sourcer' },
  { name: 'Hannah Ito', role: 'hiring_manager' },
  { name: 'Omar Haddad', role: 'hiring_manager' },
  { name: 'Grace Kim', role: 'hiring_manager' },
  { name: 'Felix Brandt', role: 'hiring_manager' },
  { name: 'Nadia Rahman', role: 'hiring_manager' },
  { name: 'Paulo Mendes', role: 'hiring_manager' },
];

/** How each requisition's entries end, per scale-independent requisition. */
interface RequisitionShape {
  title: string;
  status: Requisition['status'];
  ageDays: number;
  /** Entries still active, by stage index. */
  active: number[];
  rejected: number;
  withdrew: number;
  hired: number;
  mustHaves: string[];
}

const REQUISITIONS: RequisitionShape[] = [
  // The board's requisition: 612 active entries across its stages.
  { title: 'Senior Backend Engineer, Payments', status: 'open', ageDays: 80, active: [210, 150, 95, 70, 45, 30, 12, 0], rejected: 190, withdrew: 55, hired: 3, mustHaves: ['Go or Java in production', 'Payments or ledgers', 'Postgres at scale', 'On-call experience'] },
  { title: 'Staff Frontend Engineer', status: 'open', ageDays: 70, active: [60, 40, 25, 18, 12, 6, 2, 0], rejected: 90, withdrew: 25, hired: 1, mustHaves: ['React at scale', 'Design systems', 'Accessibility'] },
  { title: 'Engineering Manager, Platform', status: 'open', ageDays: 60, active: [40, 30, 18, 10, 6, 3, 1, 0], rejected: 70, withdrew: 20, hired: 0, mustHaves: ['Managed 6+ engineers', 'Platform or infrastructure', 'Hiring experience'] },
  { title: 'Site Reliability Engineer', status: 'on_hold', ageDays: 75, active: [30, 20, 12, 8, 4, 2, 0, 0], rejected: 55, withdrew: 15, hired: 0, mustHaves: ['Kubernetes', 'Incident command', 'Terraform'] },
  { title: 'Product Designer', status: 'closed', ageDays: 84, active: [0, 0, 0, 0, 0, 0, 0, 0], rejected: 180, withdrew: 60, hired: 2, mustHaves: ['Portfolio of shipped product', 'User research', 'Design systems'] },
  { title: 'Data Engineer', status: 'closed', ageDays: 84, active: [0, 0, 0, 0, 0, 0, 0, 0], rejected: 120, withdrew: 40, hired: 1, mustHaves: ['Spark or Flink', 'Airflow', 'Data modelling'] },
];

/** Mean days spent at each stage before the next move. */
const STAGE_MEAN_DAYS = [3, 4, 3, 4, 5, 6, 5, 1];

interface PlannedMove {
  at: number;
  from: string | null;
  fromStatus: PipelineStatus | null;
  to: string;
  status: PipelineStatus;
  reason: string | null;
  declinedOffer: OfferDeclineReason | null;
  actorId: string;
}

interface PlannedEntry {
  requisition: Requisition;
  moves: PlannedMove[];
}

interface PlannedReview {
  request: ReviewRequest;
  decision: { verdict: 'approve' | 'reject'; met: string[]; missing: string[]; note: string; at: number; id: string; activityId: string } | null;
}

export interface DatasetPlan {
  options: DatasetOptions;
  counts: { people: number; activities: number; notes: number };
  members: Member[];
  me: Me;
  requisitions: Requisition[];
  /** The requisition with at least 500 active entries (the board's budget). */
  boardRequisitionId: string;
  reviewRequests: ReviewRequest[];
  /** Per person: generic activities (views, outreach, replies), notes, and an earlier creation. */
  genericActivities: Uint16Array;
  notesPerPerson: Uint16Array;
  createdAtOverride: Map<number, number>;
  entries: Map<number, PlannedEntry[]>;
  reviews: Map<number, PlannedReview[]>;
}

const scaled = (n: number, scale: number) => Math.round(n * scale);

/** The person's first draws: when they were first seen and their id (the plan and the chunks agree on both). */
function personHead(seed: number, now: number, index: number) {
  const rand = new Rand(seed, 1, index);
  const createdAt = now - SPAN_DAYS * DAY + Math.floor(rand.float() * (SPAN_DAYS * DAY - HOUR));
  return { rand, createdAt, id: ulidAt(createdAt, rand) };
}

/** A version as the server would have given it: later writes have higher ones. */
const versionAt = (at: number, now: number) => Math.max(1, Math.floor(at - (now - 120 * DAY)));

function stagePath(rand: Rand, finalStage: number): number[] {
  const path = [0];
  while (path[path.length - 1]! < finalStage) {
    const here = path[path.length - 1]!;
    if (here > 0 && rand.chance(0.03)) path.push(here - 1);
    else path.push(here + 1 < finalStage && rand.chance(0.06) ? here + 2 : here + 1);
  }
  return path;
}

/** Every move of one entry, ending in the given state, spread over the time the requisition was open. */
function planEntry(rand: Rand, requisition: Requisition, end: { stage: number; status: PipelineStatus }, movers: string[], createdAt: number, now: number): PlannedMove[] {
  const stages = requisition.stages;
  const path = stagePath(rand, end.stage);
  const closes = end.status !== 'active';
  const gaps = path.map((s) => Math.max(0.1, rand.exp(STAGE_MEAN_DAYS[s] ?? 4)) * DAY);
  if (!closes) gaps[gaps.length - 1] = rand.float() * Math.min(gaps[gaps.length - 1]!, 20 * DAY);
  const total = gaps.reduce((a, b) => a + b, 0);
  const earliest = Math.max(createdAt, requisition.createdAt);
  const room = now - HOUR - earliest;
  const squeeze = total > room ? room / total : 1;
  let at = now - HOUR - total * squeeze - rand.float() * Math.max(0, room - total * squeeze);
  const moves: PlannedMove[] = [];
  let from: string | null = null;
  const actor = rand.pick(movers);
  for (let i = 0; i < path.length; i++) {
    const to = stages[path[i]!]!;
    moves.push({ at: Math.floor(at), from, fromStatus: from === null ? null : 'active', to, status: 'active', reason: null, declinedOffer: null, actorId: rand.chance(0.8) ? actor : rand.pick(movers) });
    from = to;
    at += gaps[i]! * squeeze;
  }
  if (closes) {
    const atOffer = stages[end.stage] === 'Offer';
    const declinedOffer = end.status === 'withdrew' && atOffer ? rand.pick(OFFER_DECLINES) : null;
    const reason =
      end.status === 'rejected' ? rand.pick(REJECTION_REASONS) : end.status === 'withdrew' && (declinedOffer === null || declinedOffer === 'other') ? rand.pick(WITHDREW_REASONS) : null;
    // Half the hires are marked at the offer, half moved to the last stage.
    const to = end.status === 'hired' && rand.chance(0.5) ? stages[stages.length - 1]! : from!;
    moves.push({ at: Math.floor(Math.min(at, now - HOUR)), from, fromStatus: 'active', to, status: end.status, reason, declinedOffer, actorId: actor });
  }
  return moves;
}

/** Everything but the bulk of the people: the team, the requisitions, who is in which pipeline and review. */
export function planDataset(options: DatasetOptions): DatasetPlan {
  const { scale, seed, now } = options;
  const counts = { people: scaled(100_000, scale), activities: scaled(1_000_000, scale), notes: options.notes ?? scaled(50_000, scale) };
  const rand = new Rand(seed, 0);
  const synced = { teamId: LOCAL_TEAM_ID, deletedAt: null };
  const start = now - 120 * DAY;
  const members: Member[] = MEMBERS.map(({ name, role }) => ({
    id: ulidAt(start, rand),
    ...synced,
    version: 1,
    name,
    email: `${name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ /g, '.')}@acme.example`,
    role,
    status: 'active',
    timeZone: null,
  }));
  const byRole = (role: Role) => members.filter((m) => m.role === role).map((m) => m.id);
  const recruiters = byRole('recruiter');
  const managers = byRole('hiring_manager');
  const movers = [...recruiters, ...byRole('sourcer')];
  const first = members[1]!;
  const me: Me = { memberId: first.id, teamId: LOCAL_TEAM_ID, name: first.name, email: first.email, role: first.role };

  const requisitions: Requisition[] = REQUISITIONS.map((shape, i) => {
    const createdAt = now - shape.ageDays * DAY;
    return {
      id: ulidAt(createdAt, rand),
      ...synced,
      version: versionAt(createdAt, now),
      title: shape.title,
      hiringManagerId: managers[i % managers.length]!,
      recruiterIds: [recruiters[i % recruiters.length]!, recruiters[(i + 2) % recruiters.length]!],
      mustHaves: shape.mustHaves,
      niceToHaves: ['Open-source work', 'Mentoring'],
      feedbackSlaHours: i % 2 ? 48 : 72,
      targetHires: Math.max(1, shape.hired + (shape.status === 'open' ? 2 : 0)),
      targetDate: shape.status === 'open' ? now + (30 + 15 * i) * DAY : null,
      stages: DEFAULT_STAGES,
      status: shape.status,
      createdAt,
    };
  });

  const entryTotal = REQUISITIONS.reduce((n, s) => n + s.active.reduce((a, b) => a + b, 0) + s.rejected + s.withdrew + s.hired, 0);
  if (counts.people < entryTotal * 1.5) throw new Error(`scale ${scale} gives ${counts.people} people: at least ${Math.ceil(entryTotal * 1.5)} are needed for the pipelines`);

  const heads = new Map<number, { createdAt: number; id: string }>();
  const head = (i: number) => {
    let h = heads.get(i);
    if (!h) {
      const { createdAt, id } = personHead(seed, now, i);
      h = { createdAt, id };
      heads.set(i, h);
    }
    return h;
  };
  const createdAtOverride = new Map<number, number>();
  /** Person `i` was first seen by `at` (never before the history starts). */
  const seenBefore = (i: number, at: number) => createdAtOverride.set(i, Math.max(now - SPAN_DAYS * DAY, Math.min(createdAtOverride.get(i) ?? Infinity, at)));
  const entries = new Map<number, PlannedEntry[]>();
  const pipelinePeople: number[][] = [];
  REQUISITIONS.forEach((shape, r) => {
    const requisition = requisitions[r]!;
    const ends: { stage: number; status: PipelineStatus }[] = [];
    shape.active.forEach((n, stage) => {
      for (let k = 0; k < n; k++) ends.push({ stage, status: 'active' });
    });
    const offer = requisition.stages.indexOf('Offer');
    for (let k = 0; k < shape.rejected; k++) ends.push({ stage: Math.min(offer, Math.floor(rand.exp(1.6))), status: 'rejected' });
    for (let k = 0; k < shape.withdrew; k++) ends.push({ stage: rand.chance(0.3) ? offer : rand.int(1, offer - 1), status: 'withdrew' });
    for (let k = 0; k < shape.hired; k++) ends.push({ stage: offer, status: 'hired' });
    const taken = new Set<number>();
    const people: number[] = [];
    for (const end of ends) {
      let i: number;
      do i = rand.int(0, counts.people - 1);
      while (taken.has(i));
      taken.add(i);
      people.push(i);
      const moves = planEntry(rand, requisition, end, movers, requisition.createdAt, now);
      const firstMove = moves[0]!.at;
      if (head(i).createdAt > firstMove) seenBefore(i, firstMove - rand.int(1, 72) * HOUR);
      const list = entries.get(i) ?? [];
      list.push({ requisition, moves });
      entries.set(i, list);
    }
    pipelinePeople.push(people);
  });

  // Calibration: every few days each requisition's hiring manager gets a batch of its people.
  const reviewRequests: ReviewRequest[] = [];
  const reviews = new Map<number, PlannedReview[]>();
  requisitions.forEach((requisition, r) => {
    const people = pipelinePeople[r]!;
    const speedHours = 6 + 10 * (r % 4);
    for (let t = requisition.createdAt + 2 * DAY; t < now - HOUR; t += rand.int(2, 5) * DAY) {
      if (requisition.status === 'closed' && t > requisition.createdAt + 50 * DAY) break;
      const size = rand.int(5, 15);
      const batch = new Set<number>();
      while (batch.size < size) batch.add(rand.pick(people));
      const createdAt = Math.floor(t);
      const dueAt = createdAt + requisition.feedbackSlaHours * HOUR;
      const request: ReviewRequest = {
        id: ulidAt(createdAt, rand),
        ...synced,
        version: versionAt(createdAt, now),
        requisitionId: requisition.id,
        requesterId: rand.pick(requisition.recruiterIds),
        reviewerId: requisition.hiringManagerId,
        prospectIds: [...batch].map((i) => head(i).id),
        message: `Batch for ${requisition.title}: ${size} people from this week's sourcing.`,
        createdAt,
        dueAt,
        status: 'completed',
        reassignedFrom: null,
        history: [],
      };
      let undecided = 0;
      for (const i of batch) {
        const decidedAt = createdAt + Math.floor(rand.exp(speedHours) * HOUR) + 10 * 60_000;
        const approve = rand.chance(0.55);
        const must = requisition.mustHaves;
        const missing = approve ? [] : must.filter(() => rand.chance(0.4)).slice(0, 2);
        const decision = decidedAt > now - HOUR ? null : { verdict: approve ? ('approve' as const) : ('reject' as const), met: must.filter((m) => !missing.includes(m)), missing, note: rand.pick(DECISION_NOTES), at: decidedAt, id: ulidAt(decidedAt, rand), activityId: ulidAt(decidedAt, rand) };
        if (!decision) undecided++;
        const list = reviews.get(i) ?? [];
        list.push({ request, decision });
        reviews.set(i, list);
        if (head(i).createdAt > createdAt) seenBefore(i, createdAt - rand.int(1, 48) * HOUR);
      }
      if (undecided) request.status = 'open';
      reviewRequests.push(request);
    }
  });

  // The rest of the activities are views, outreach and replies, a few per person, a long tail for some.
  let special = 0;
  for (const list of entries.values()) for (const e of list) special += e.moves.length;
  for (const list of reviews.values()) for (const r of list) special += r.decision ? 2 : 1;
  const generic = counts.activities - special;
  if (generic < counts.people) throw new Error(`scale ${scale}: ${counts.activities} activities cannot give each of ${counts.people} people one`);
  const genericActivities = new Uint16Array(counts.people);
  const mean = generic / counts.people;
  let sum = 0;
  for (let i = 0; i < counts.people; i++) {
    genericActivities[i] = Math.min(400, 1 + Math.floor(rand.exp(mean - 1)));
    sum += genericActivities[i]!;
  }
  for (const i of heavyIndexes(options)) {
    sum -= genericActivities[i]!;
    genericActivities[i] = rand.int(200, 600);
    sum += genericActivities[i];
  }
  for (let i = 0; sum !== generic; i = (i + 7919) % counts.people) {
    const step = sum < generic ? (genericActivities[i]! < 400 ? 1 : 0) : genericActivities[i]! > 1 && genericActivities[i]! < 200 ? -1 : 0;
    genericActivities[i]! += step;
    sum += step;
  }
  const notesPerPerson = new Uint16Array(counts.people);
  for (let n = 0; n < counts.notes; n++) notesPerPerson[rand.int(0, counts.people - 1)]!++;

  return { options, counts, members, me, requisitions, boardRequisitionId: requisitions[0]!.id, reviewRequests, genericActivities, notesPerPerson, createdAtOverride, entries, reviews };
}

/** Person `index`'s id (as the fill wrote it). */
export const personId = ({ seed, now }: Pick<DatasetOptions, 'seed' | 'now'>, index: number) => personHead(seed, now, index).id;

/** The people given hundreds of activities: evenly spread over the indexes. */
export function heavyIndexes({ scale, heavyPeople = 0 }: Pick<DatasetOptions, 'scale' | 'heavyPeople'>): number[] {
  const people = scaled(100_000, scale);
  return Array.from({ length: heavyPeople }, (_, k) => Math.floor(((k + 0.5) * people) / heavyPeople));
}

function companyName(rand: Rand): string {
  return `${rand.pick(COMPANY_HEADS)}${rand.pick(COMPANY_TAILS)}${rand.pick(COMPANY_SUFFIXES)}`;
}

const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');

/** Person `index` and everything that is theirs: activities, notes, pipeline entries and review decisions. */
function addPerson(plan: DatasetPlan, index: number, chunk: DatasetChunk) {
  const { seed, now } = plan.options;
  const { rand, createdAt: drawn, id } = personHead(seed, now, index);
  const createdAt = plan.createdAtOverride.get(index) ?? drawn;
  const synced = { teamId: LOCAL_TEAM_ID, deletedAt: null };
  const name = `${rand.pick(FIRST)} ${rand.pick(LAST)}`;
  const company = companyName(rand);
  const place = rand.pick(PLACES);
  const skills = [rand.pick(SKILLS), rand.pick(SKILLS)];
  const slug = `${slugOf(name)}-${index.toString(36)}`;
  const profiles: Prospect['profiles'] = [{ site: 'linkedin', key: `linkedin:${slug}`, url: `https://www.linkedin.com/in/${slug}/` }];
  if (rand.chance(0.12)) profiles.push({ site: 'greenhouse', key: `greenhouse:${40_000_000 + index}`, url: `https://app.greenhouse.io/people/${40_000_000 + index}` });
  const emails = rand.chance(0.2) ? [`${slug.replace(/-[a-z0-9]+$/, '').replace(/-/g, '.')}@${slugOf(company).replace(/-.*$/, '')}.example`] : [];

  const members = plan.members;
  const owner = members[rand.int(1, 13)]!.id;
  const count = plan.genericActivities[index]!;
  const times: number[] = [createdAt];
  for (let k = 1; k < count; k++) times.push(createdAt + Math.floor(rand.float() * (now - HOUR - createdAt)));
  times.sort((a, b) => a - b);
  const dnc = rand.chance(0.008) && count > 1;
  let contactedBy: string | null = null;
  let lastActivity = createdAt;
  for (let k = 0; k < count; k++) {
    const at = times[k]!;
    const base = { id: ulidAt(at, rand), ...synced, version: versionAt(at, now), prospectId: id, at, requisitionId: null };
    lastActivity = Math.max(lastActivity, at);
    const r = rand.float();
    if (k === 0) chunk.activities.push({ ...base, actorId: owner, kind: 'viewed', data: {} });
    else if (dnc && k === count - 1) chunk.activities.push({ ...base, actorId: contactedBy ?? owner, kind: 'dnc_set', data: { reason: 'Asked not to be contacted again' } });
    else if (r < 0.45 || (r >= 0.8 && !contactedBy)) chunk.activities.push({ ...base, actorId: rand.chance(0.6) ? owner : members[rand.int(1, 13)]!.id, kind: 'viewed', data: {} });
    else if (r < 0.8) {
      contactedBy = rand.chance(0.7) ? owner : members[rand.int(1, 5)]!.id;
      const c = rand.float();
      chunk.activities.push({ ...base, actorId: contactedBy, kind: 'outreach', data: { channel: c < 0.6 ? 'inmail' : c < 0.9 ? 'email' : 'call' } });
    } else {
      const c = rand.float();
      chunk.activities.push({ ...base, actorId: contactedBy!, kind: 'reply', data: { interest: c < 0.5 ? 'replied' : c < 0.8 ? 'interested' : 'not_interested' } });
    }
  }
  const last = chunk.activities[chunk.activities.length - 1]!;

  for (const { requisition, moves } of plan.entries.get(index) ?? []) {
    for (const m of moves) {
      chunk.activities.push({
        id: ulidAt(m.at, rand),
        ...synced,
        version: versionAt(m.at, now),
        prospectId: id,
        actorId: m.actorId,
        at: m.at,
        requisitionId: requisition.id,
        kind: 'stage_changed',
        data: { from: m.from, to: m.to, fromStatus: m.fromStatus, status: m.status, reason: m.reason, declinedOffer: m.declinedOffer },
      });
      lastActivity = Math.max(lastActivity, m.at);
    }
    const end = moves[moves.length - 1]!;
    chunk.pipeline.push({ id: pipelineEntryId(id, requisition.id), ...synced, version: versionAt(end.at, now), prospectId: id, requisitionId: requisition.id, stage: end.to, status: end.status, reason: end.reason, declinedOffer: end.declinedOffer, updatedAt: end.at });
  }
  for (const { request, decision } of plan.reviews.get(index) ?? []) {
    const at = request.createdAt;
    chunk.activities.push({ id: ulidAt(at, rand), ...synced, version: versionAt(at, now), prospectId: id, actorId: request.requesterId, at, requisitionId: request.requisitionId, kind: 'review_requested', data: { requestId: request.id, reviewerId: request.reviewerId } });
    if (!decision) continue;
    const { verdict, met, missing, note } = decision;
    chunk.activities.push({ id: decision.activityId, ...synced, version: versionAt(decision.at, now), prospectId: id, actorId: request.reviewerId, at: decision.at, requisitionId: request.requisitionId, kind: 'review_decision', data: { requestId: request.id, decisionId: decision.id, verdict, met, missing, note } });
    chunk.reviewDecisions.push({ id: decision.id, ...synced, version: versionAt(decision.at, now), requestId: request.id, prospectId: id, reviewerId: request.reviewerId, verdict, met, missing, note, decidedAt: decision.at, activityId: decision.activityId });
    lastActivity = Math.max(lastActivity, decision.at);
  }

  for (let n = 0; n < plan.notesPerPerson[index]!; n++) {
    const at = createdAt + Math.floor(rand.float() * (now - HOUR - createdAt));
    const author = members[rand.int(0, 13)]!.id;
    const body = rand
      .pick(NOTE_OPENERS)
      .replace('{skill}', rand.pick(SKILLS))
      .replace('{company}', companyName(rand))
      .replace('{place}', rand.pick(PLACES));
    // Another member's private note never reaches this device; only its own member's do.
    const visibility = author === plan.me.memberId && rand.chance(0.3) ? 'private' : 'team';
    chunk.notes.push({ id: ulidAt(at, rand), ...synced, version: versionAt(at, now), prospectId: id, authorId: author, body, visibility, mentions: [], createdAt: at, editedAt: null });
  }

  const doNotContact = last.kind === 'dnc_set' ? { reason: last.data.reason, by: last.actorId, at: last.at } : null;
  chunk.prospects.push({
    id,
    ...synced,
    version: versionAt(lastActivity, now),
    name,
    headline: `${rand.pick(SENIORITY)}${rand.pick(TITLES)} at ${company}${rand.chance(0.6) ? ` · ${skills.join(', ')}` : ''}`,
    company,
    location: place,
    profiles,
    emails,
    doNotContact,
    createdAt,
    // Who first viewed them stored them, as the extension records it since the notice clock.
    createdBy: owner,
    updatedAt: lastActivity,
  });
}

const emptyChunk = (): DatasetChunk => ({ members: [], requisitions: [], reviewRequests: [], prospects: [], activities: [], notes: [], pipeline: [], reviewDecisions: [] });

/** The rows, `people` people at a time; the first chunk also holds the team and its requisitions. */
export function* datasetChunks(plan: DatasetPlan, people = 2_000): Generator<DatasetChunk, void> {
  for (let from = 0; from < plan.counts.people; from += people) {
    const chunk = emptyChunk();
    if (from === 0) {
      chunk.members = plan.members;
      chunk.requisitions = plan.requisitions;
      chunk.reviewRequests = plan.reviewRequests;
    }
    for (let i = from; i < Math.min(plan.counts.people, from + people); i++) addPerson(plan, i, chunk);
    yield chunk;
  }
}
