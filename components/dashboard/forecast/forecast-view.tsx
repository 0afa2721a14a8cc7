import { useLiveQuery } from 'dexie-react-hooks';
import { type ChangeEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { dateInputToTimestamp, timestampToDateInput } from '@/components/requisitions/date-input';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage, errorText } from '@/components/ui/error-message';
import { stageMoves } from '@/lib/db/dashboard-queries';
import { mutate } from '@/lib/db/mutate';
import { type Forecast, forecast, type ForecastDeadline, forecastDeadline } from '@/lib/metrics';
import { canEditRequisition, type Me, type Requisition } from '@/lib/model';
import { requisitionSave } from '@/lib/mutations';
import { formatAmount, formatShare } from '@/lib/reports/figures';
import type { DashboardViewProps } from '../dashboard-view-props';
import { MetricFigure } from '../metric-figure';

/**
 * The forecast of one requisition (issue 10, point 4; DESIGN.md "Pipeline and the numbers"):
 * the people needed at each stage for the hires, how long a hire takes from each stage, what is
 * in the pipeline, and whether the target date is realistic. The hires and date start as the
 * requisition's; changing them here is a what-if until "Save to requisition".
 */
export function ForecastView({ me, requisition, requisitions, now }: DashboardViewProps) {
  const db = useDb();
  // The team's history by stage name pools every requisition's moves.
  const moves = useLiveQuery(() => stageMoves(db), [db]);
  if (!requisition) return null;
  if (!moves) {
    return (
      <p className="muted" role="status">
        Loading the forecast…
      </p>
    );
  }
  return <RequisitionForecast key={requisition.id} me={me} requisition={requisition} requisitions={requisitions} moves={moves} now={now} />;
}

function RequisitionForecast({ me, requisition, requisitions, moves, now }: { me: Me; requisition: Requisition; requisitions: Requisition[]; moves: Awaited<ReturnType<typeof stageMoves>>; now: number }) {
  const db = useDb();
  const hiresId = useId();
  const dateId = useId();
  const [hiresDraft, setHiresDraft] = useState(String(requisition.targetHires));
  const [dateDraft, setDateDraft] = useState(timestampToDateInput(requisition.targetDate));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const hires = Number(hiresDraft);
  const hiresValid = Number.isInteger(hires) && hires >= 1 && hires <= 1000;
  const targetDate = dateInputToTimestamp(dateDraft);
  const result = useMemo(() => (hiresValid ? forecast(requisition, requisitions, moves, hires, now) : null), [hiresValid, requisition, requisitions, moves, hires, now]);
  const deadline = result && forecastDeadline(result, targetDate, now);
  const changed = hires !== requisition.targetHires || targetDate !== requisition.targetDate;
  const mayEdit = canEditRequisition(requisition, me.memberId, me.role);

  const edit = (set: (value: string) => void) => (event: ChangeEvent<HTMLInputElement>) => {
    set(event.target.value);
    setSaved(false);
  };

  const save = async () => {
    setError(null);
    setSaving(true);
    try {
      const { id, title, hiringManagerId, recruiterIds, mustHaves, niceToHaves, feedbackSlaHours, stages, status } = requisition;
      await mutate(db, requisitionSave, { id, title, hiringManagerId, recruiterIds, mustHaves, niceToHaves, feedbackSlaHours, stages, status, targetHires: hires, targetDate });
      setSaved(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="forecast-view" aria-labelledby="forecast-title">
      <h2 id="forecast-title">Forecast: {requisition.title}</h2>
      <form className="forecast-inputs" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={hiresId}>Hires needed</label>
          <input
            id={hiresId}
            data-testid="forecast-hires"
            type="number"
            min={1}
            max={1000}
            value={hiresDraft}
            aria-invalid={hiresValid ? undefined : true}
            onChange={edit(setHiresDraft)}
          />
        </div>
        <div className="field">
          <label htmlFor={dateId}>Target date</label>
          <input
            id={dateId}
            data-testid="forecast-target-date"
            type="date"
            value={dateDraft}
            onChange={edit(setDateDraft)}
          />
        </div>
        {mayEdit && changed && hiresValid && (
          <button type="button" data-testid="forecast-save" disabled={saving} onClick={() => void save()}>
            Save to requisition
          </button>
        )}
      </form>
      <p className="muted small" role="status">
        {saved
          ? 'Saved to the requisition.'
          : changed
            ? 'A what-if: the requisition keeps its own hires and date until you save them.'
            : 'The requisition’s hires and target date; change them to see what-ifs.'}
      </p>
      <ErrorMessage error={error} />
      {!hiresValid ? (
        <p className="error" role="alert">
          Hires needed is a whole number from 1 to 1000.
        </p>
      ) : (
        result && deadline && <ForecastBody result={result} deadline={deadline} />
      )}
    </section>
  );
}

function ForecastBody({ result, deadline }: { result: Forecast; deadline: ForecastDeadline }) {
  const fellBack = result.stages.filter((s) => s.source === 'team').map((s) => s.stage);
  return (
    <>
      <div className="forecast-verdict" data-testid="forecast-verdict">
        <p>{verdictSentence(result.hires, deadline)}</p>
        {fellBack.length > 0 && (
          <p className="muted">
            {listWords(fellBack)} {fellBack.length === 1 ? 'has' : 'have'} fewer than 5 decided candidates on this requisition, so the team’s history for{' '}
            {fellBack.length === 1 ? 'that stage' : 'those stages'} (every requisition with a stage of that name) is used.
          </p>
        )}
      </div>
      <table className="forecast-table">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Pass-through</th>
            <th scope="col">Median days in stage</th>
            <th scope="col">Needed</th>
            <th scope="col">In pipeline now</th>
            <th scope="col">Days to hire</th>
            <th scope="col">History from</th>
          </tr>
        </thead>
        <tbody>
          {result.stages.map((s) => (
            <tr key={s.stage} data-testid="forecast-stage" data-stage={s.stage}>
              <th scope="row">{s.stage}</th>
              <td>{s.passThrough === null ? '–' : formatShare(s.passThrough)}</td>
              <td>{formatAmount(s.medianDays)}</td>
              <td>
                <MetricFigure metric={`forecast-needed:${s.stage}`} value={s.needed}>
                  {s.needed ?? '–'}
                </MetricFigure>
              </td>
              <td>
                <MetricFigure metric={`forecast-in-pipeline:${s.stage}`} value={s.inPipeline} />
              </td>
              <td>
                <MetricFigure metric={`forecast-days-to-hire:${s.stage}`} value={s.daysToHire}>
                  {formatAmount(s.daysToHire)}
                </MetricFigure>
              </td>
              <td>{s.source === 'team' ? 'the team' : 'this requisition'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** "Historically 45 days from Screen to hire; the target leaves 21. The date is not realistic." */
function verdictSentence(hires: number, d: ForecastDeadline): ReactNode {
  const from = (
    <>
      {d.covered
        ? `The people in the pipeline now can make ${hires === 1 ? 'the hire' : `the ${hires} hires`} from ${d.stage} on. `
        : `The pipeline now is too thin for ${hires === 1 ? 'the hire' : `${hires} hires`}: they need new people at ${d.stage}. `}
    </>
  );
  if (d.daysToHire === null) return <>{from}There is no history yet of how long a hire takes from {d.stage}, on this requisition or the team’s.</>;
  const history = (
    <>
      Historically{' '}
      <MetricFigure metric="forecast-days-to-hire" value={d.daysToHire}>
        {formatAmount(d.daysToHire)}
      </MetricFigure>{' '}
      days from {d.stage} to hire
    </>
  );
  if (d.daysLeft === null) return <>{from}{history}. Set a target date to see whether it is realistic.</>;
  if (d.daysLeft <= 0) {
    return (
      <>
        {from}
        {history}; the target date{' '}
        <MetricFigure metric="forecast-days-left" value={d.daysLeft}>
          has passed
        </MetricFigure>
        .
      </>
    );
  }
  return (
    <>
      {from}
      {history}; the target leaves{' '}
      <MetricFigure metric="forecast-days-left" value={d.daysLeft}>
        {formatAmount(d.daysLeft)}
      </MetricFigure>
      . <strong>{d.realistic ? 'The date looks realistic.' : 'The date is not realistic.'}</strong>
    </>
  );
}

const listWords = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
