import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo } from 'react';
import { useDb } from '@/components/ui/db-context';
import { pickerLabel } from '@/components/ui/member-name';
import { stageMoves } from '@/lib/db/dashboard-queries';
import { chosenTimeZone } from '@/lib/db/my-time-zone';
import { type ActivityWindow, type ReviewHistory, reviewHistory } from '@/lib/db/numbers-queries';
import { MIN_DECIDED, type MetricsFilter, type StageMove } from '@/lib/metrics';
import type { Member, Requisition } from '@/lib/model';
import type { DashboardViewProps } from '../dashboard-view-props';
import { FigureChart } from './figure-chart';
import { useActivityWindow } from './use-activity-window';
import { Figure, FigurePanel } from './figure-panel';
import type { FigureTable } from './figure-table';
import { calibrationTables, feedbackFigures, filteredInputs, outcomeTables, passThroughTable, sourcingTable, timeInStageTable } from './numbers-figures';
import { type NumbersQuery, defaultDates, metricsFilter, useNumbersQuery } from './numbers-filters';

const BLUE = 'var(--accent, #2563eb)';
const GREY = '#8a94a6';
const deviceZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The team's numbers (issue 10, point 3), every figure from lib/metrics: pass-through and time in
 * stage of one requisition, reviewers' feedback times, calibration, sourcing activity per member
 * and week, and outcomes, under one set of filters. The requisition is in the URL fragment like
 * every view's (none: all requisitions); the dates and the member in its query.
 */
export function NumbersView({ members, requisitions, route, now, navigate }: DashboardViewProps) {
  const db = useDb();
  // For Numbers, a URL without a requisition means all of them, not the default one.
  const { requisitionId } = route;
  const selected = requisitionId === null ? null : (requisitions.find((r) => r.id === requisitionId) ?? null);
  const [query, setQuery] = useNumbersQuery();
  const zone = useLiveQuery(async () => (await chosenTimeZone(db)) ?? deviceZone(), [db]);
  const filter = zone === undefined ? undefined : metricsFilter(query, now, zone);
  const span = filter && !('problem' in filter) ? filter : undefined;

  const moves = useLiveQuery(() => stageMoves(db, requisitionId), [db, requisitionId]);
  const reviews = useLiveQuery(() => reviewHistory(db), [db]);
  // The span's activities (sourcing) are by far the biggest read: started only once the other
  // figures are in, so IndexedDB serves those first and they paint before sourcing is counted.
  const othersIn = moves !== undefined && reviews !== undefined;
  const window_ = useActivityWindow(db, span, othersIn);

  const byId = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const scope = selected ? [selected] : requisitions;

  return (
    <section className="numbers-view" aria-labelledby="numbers-title">
      <h2 id="numbers-title">Numbers</h2>
      <NumbersFilters
        requisitions={requisitions}
        requisitionId={requisitionId}
        members={members}
        query={query}
        zone={zone}
        now={now}
        onRequisition={(id) => navigate({ view: 'numbers', requisitionId: id })}
        onQuery={setQuery}
      />
      {requisitionId !== null && !selected ? (
        <p className="muted">That requisition is not on this device (it arrives with the next sync), or it was removed.</p>
      ) : filter && 'problem' in filter ? (
        <p role="alert" className="error">
          {filter.problem}
        </p>
      ) : !span || !moves || !reviews || !zone ? (
        <p className="muted" role="status">
          Counting…
        </p>
      ) : (
        <Sections requisitions={scope} selected={selected} span={span} moves={moves} reviews={reviews} window_={window_} members={byId} zone={zone} now={now} />
      )}
    </section>
  );
}

function Sections({
  requisitions,
  selected,
  span,
  moves,
  reviews,
  window_,
  members,
  zone,
  now,
}: {
  requisitions: Requisition[];
  selected: Requisition | null;
  span: MetricsFilter;
  moves: StageMove[];
  reviews: ReviewHistory;
  window_: ActivityWindow | undefined;
  members: Map<string, Member>;
  zone: string;
  now: number;
}) {
  const { cohort, requests } = filteredInputs(moves, reviews.requests, span, selected?.id ?? null);
  const feedback = feedbackFigures(requests, reviews.decisions, moves, members, now);
  const calibration = calibrationTables(requisitions, requests, reviews.decisions);
  const outcome = outcomeTables(requisitions, cohort);
  // Sourcing is the costly figure (every activity of the span): a stage move, which changes the
  // figures above, must not count it all again.
  const sourcing = useMemo(() => (window_ ? sourcingTable(window_, zone, span.memberId, members) : null), [window_, zone, span.memberId, members]);
  return (
    <>
      {selected ? (
        <StageSections requisition={selected} cohort={cohort} now={now} />
      ) : (
        <section className="numbers-section" aria-labelledby="numbers-stages">
          <h3 id="numbers-stages">Pass-through and time in stage</h3>
          <p className="muted">Each requisition has its own stages: choose one in the filters to see its pass-through and time in stage.</p>
        </section>
      )}

      <section className="numbers-section" aria-labelledby="numbers-feedback">
        <h3 id="numbers-feedback">Hiring managers’ feedback</h3>
        {feedback.fastest && (
          <p data-testid="hm-fastest">
            Fastest to answer: <strong>{feedback.fastest.name}</strong>, a median of {Math.round(feedback.fastest.medianHours * 10) / 10} hours. Worth a thank-you.
          </p>
        )}
        <FigurePanel
          table={feedback.table}
          fileName="feedback-times.csv"
          empty="No reviews were requested in these dates."
          chart={
            <FigureChart
              table={feedback.table}
              unit=" h"
              series={[
                { column: 'Median', color: BLUE },
                { column: '90th percentile', color: GREY },
              ]}
            />
          }
        />
      </section>

      <section className="numbers-section" aria-labelledby="numbers-calibration">
        <h3 id="numbers-calibration">Calibration</h3>
        <FigurePanel
          table={calibration.approval}
          fileName="approval-rates.csv"
          empty="No requisitions yet."
          chart={<FigureChart table={calibration.approval} percent series={[{ column: 'Approval rate', color: BLUE }]} />}
        />
        <FigurePanel
          table={calibration.missing}
          fileName="missing-must-haves.csv"
          empty="No reviewer has marked a must-have missing in these dates."
          chart={<FigureChart table={calibration.missing} series={[{ column: 'Times cited', color: BLUE }]} />}
        />
      </section>

      <section className="numbers-section" aria-labelledby="numbers-sourcing">
        <h3 id="numbers-sourcing">Sourcing activity</h3>
        {sourcing ? <SourcingPanel table={sourcing} /> : <p className="muted" role="status">Counting the activity…</p>}
      </section>

      <section className="numbers-section" aria-labelledby="numbers-outcomes">
        <h3 id="numbers-outcomes">Outcomes</h3>
        <p>
          Hires: <Figure name="hires" value={outcome.hires} text={String(outcome.hires)} />. Withdrew: <Figure name="withdrawals" value={outcome.withdrawals} text={String(outcome.withdrawals)} />.
        </p>
        <FigurePanel
          table={outcome.rejections}
          fileName="rejection-reasons.csv"
          empty="Nobody added in these dates has been rejected."
          chart={<FigureChart table={outcome.rejections} series={[{ column: 'People', color: GREY }]} />}
        />
        <FigurePanel
          table={outcome.declines}
          fileName="offer-declines.csv"
          empty="No offer has been declined by anyone added in these dates."
          chart={<FigureChart table={outcome.declines} series={[{ column: 'People', color: GREY }]} />}
        />
      </section>
    </>
  );
}

function StageSections({ requisition, cohort, now }: { requisition: Requisition; cohort: StageMove[]; now: number }) {
  const { table, bottleneck } = passThroughTable(requisition, cohort);
  const times = timeInStageTable(requisition, cohort, now);
  return (
    <>
      <section className="numbers-section" aria-labelledby="numbers-pass-through">
        <h3 id="numbers-pass-through">Pass-through</h3>
        <p data-testid="bottleneck">
          {bottleneck ? (
            <>
              Bottleneck: <strong>{bottleneck}</strong>, the stage fewest people move on from.
            </>
          ) : (
            `No bottleneck yet: no stage has ${MIN_DECIDED} or more people moved on, rejected or withdrawn.`
          )}
        </p>
        <FigurePanel table={table} fileName="pass-through.csv" empty="" chart={<FigureChart table={table} percent series={[{ column: 'Pass-through', color: BLUE }]} />} />
      </section>
      <section className="numbers-section" aria-labelledby="numbers-time-in-stage">
        <h3 id="numbers-time-in-stage">Time in stage</h3>
        <FigurePanel
          table={times}
          fileName="time-in-stage.csv"
          empty=""
          chart={
            <FigureChart
              table={times}
              unit=" d"
              series={[
                { column: 'Median', color: BLUE },
                { column: '75th percentile', color: GREY },
              ]}
            />
          }
        />
      </section>
    </>
  );
}

function SourcingPanel({ table }: { table: FigureTable }) {
  return (
    <FigurePanel
      table={table}
      fileName="sourcing-activity.csv"
      empty="No activity in these dates."
      chart={
        <FigureChart
          table={table}
          series={[
            { column: 'Viewed', color: GREY },
            { column: 'Outreach', color: BLUE },
            { column: 'Replies', color: '#16a34a' },
          ]}
        />
      }
    />
  );
}

function NumbersFilters({
  requisitions,
  requisitionId,
  members,
  query,
  zone,
  now,
  onRequisition,
  onQuery,
}: {
  requisitions: Requisition[];
  requisitionId: string | null;
  members: Member[];
  query: NumbersQuery;
  zone: string | undefined;
  now: number;
  onRequisition: (id: string | null) => void;
  onQuery: (patch: Partial<NumbersQuery>) => void;
}) {
  const id = useId();
  const dates = zone ? defaultDates(now, zone) : null;
  const people = members.filter((m) => m.deletedAt === null).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <fieldset className="numbers-filters">
      <legend>Filters</legend>
      <label htmlFor={`${id}-req`}>Requisition</label>
      <select id={`${id}-req`} data-testid="numbers-requisition" value={requisitionId ?? ''} onChange={(e) => onRequisition(e.target.value || null)}>
        <option value="">All requisitions</option>
        {requisitions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.title}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-from`}>From</label>
      <input id={`${id}-from`} type="date" data-testid="numbers-from" value={query.from || dates?.from || ''} onChange={(e) => onQuery({ from: e.target.value })} />
      <label htmlFor={`${id}-to`}>To</label>
      <input id={`${id}-to`} type="date" data-testid="numbers-to" value={query.to || dates?.to || ''} onChange={(e) => onQuery({ to: e.target.value })} />
      <label htmlFor={`${id}-member`}>Member</label>
      <select id={`${id}-member`} data-testid="numbers-member" value={query.member} onChange={(e) => onQuery({ member: e.target.value })}>
        <option value="">Whole team</option>
        {people.map((m) => (
          <option key={m.id} value={m.id}>
            {pickerLabel(m, { withRole: true })}
          </option>
        ))}
      </select>
      <ul className="numbers-filter-notes" data-testid="numbers-filter-notes">
        <li>
          Pass-through, time in stage and outcomes follow the people added to a requisition in these dates{query.member ? ' by this member' : ''}, with everything that has happened to
          them since.
        </li>
        <li>Feedback times and calibration count the reviews requested in these dates{query.member ? ' by this member or of them' : ''}; open and overdue are as of now.</li>
        <li>Sourcing activity is what each member did in these dates, whichever the requisition: views, outreach and replies belong to none.</li>
      </ul>
    </fieldset>
  );
}
