import { type CheckIn, SOURCING_FIGURES, sourcingFigure } from '@/lib/reports/check-in';
import { actionText, actionWho, declineReason } from '@/lib/reports/check-in-words';
import { formatAmount, formatShare } from '@/lib/reports/figures';
import { MetricFigure as Figure } from '../metric-figure';

const count = (metric: string, value: number) => <Figure metric={metric} value={value} />;

/** The check-in as the page and the print show it; the same sections and words as checkInMarkdown. */
export function CheckInReport({ checkIn }: { checkIn: CheckIn }) {
  const now = checkIn.generatedAt;
  return (
    <article className="checkin-report" data-testid="checkin-report">
      <h2 id="checkin-title">Weekly check-in: {checkIn.title}</h2>
      <p>
        Week {checkIn.thisWeek} (against {checkIn.lastWeek}) · hires {count('hires', checkIn.hires)} of {checkIn.targetHires}
      </p>

      <h3>Pipeline</h3>
      <table className="checkin-table">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">In stage</th>
            <th scope="col">Pass-through</th>
            <th scope="col">Median days in stage</th>
            <th scope="col">Top candidates</th>
          </tr>
        </thead>
        <tbody>
          {checkIn.stages.map((s) => (
            <tr key={s.stage} data-testid="checkin-stage" data-stage={s.stage}>
              <th scope="row">
                {s.stage}
                {s.bottleneck && <strong className="checkin-bottleneck"> (bottleneck)</strong>}
              </th>
              <td>{count(`in-stage:${s.stage}`, s.inStage)}</td>
              <td>
                {s.passed !== null && (
                  <>
                    <Figure metric={`pass-through:${s.stage}`} value={s.passThrough}>
                      {formatShare(s.passThrough)}
                    </Figure>{' '}
                    ({s.passed} of {s.decided})
                  </>
                )}
              </td>
              <td>
                <Figure metric={`time-in-stage-median:${s.stage}`} value={s.medianDays}>
                  {formatAmount(s.medianDays)}
                </Figure>
              </td>
              <td>
                {s.top.length > 0 && (
                  <ul className="checkin-candidates">
                    {s.top.map((c) => (
                      <li key={c.prospectId} data-testid="checkin-candidate">
                        {c.name}
                        {c.approved && ' (approved)'},{' '}
                        <Figure metric={`days-in-stage:${c.prospectId}`} value={c.daysInStage}>
                          {formatAmount(c.daysInStage)}
                        </Figure>{' '}
                        days
                      </li>
                    ))}
                    {s.more > 0 && <li>and {s.more} more</li>}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Needs action</h3>
      {checkIn.actions.length === 0 ? (
        <p>Nothing is overdue or waiting longer than usual.</p>
      ) : (
        checkIn.actions.map((action) => (
          <div key={`${action.role}:${action.memberIds.join()}`} className="checkin-action">
            <p>
              <strong>{actionWho(action)}</strong>
            </p>
            <ul>
              {action.items.map((item) => (
                <li key={`${item.kind}:${item.prospectIds.join()}:${item.dueAt}`} data-testid="checkin-action" data-kind={item.kind}>
                  {actionText(item, now)}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}

      <h3>
        Sourcing activity: {checkIn.thisWeek} ({checkIn.lastWeek})
      </h3>
      {checkIn.sourcing.length === 0 ? (
        <p>No sourcing activity logged in either week.</p>
      ) : (
        <table className="checkin-table">
          <thead>
            <tr>
              <th scope="col">Member</th>
              {SOURCING_FIGURES.map((f) => (
                <th scope="col" key={f.field}>
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {checkIn.sourcing.map((s) => (
              <tr key={s.memberId}>
                <th scope="row">{s.name}</th>
                {SOURCING_FIGURES.map((f) => {
                  const write = f.share ? formatShare : formatAmount;
                  const week = (which: 'thisWeek' | 'lastWeek') => {
                    const value = sourcingFigure(s[which], f);
                    return (
                      <Figure metric={`sourcing-${f.field}:${s.email}:${checkIn[which]}`} value={value}>
                        {write(value)}
                      </Figure>
                    );
                  };
                  return (
                    <td key={f.field}>
                      {week('thisWeek')} ({week('lastWeek')})
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Feedback times</h3>
      {checkIn.feedback.length === 0 ? (
        <p>No reviews requested for this requisition yet.</p>
      ) : (
        <table className="checkin-table">
          <thead>
            <tr>
              <th scope="col">Reviewer</th>
              <th scope="col">Decided</th>
              <th scope="col">Median hours</th>
              <th scope="col">p90 hours</th>
              <th scope="col">Within deadline</th>
              <th scope="col">Open</th>
              <th scope="col">Overdue</th>
            </tr>
          </thead>
          <tbody>
            {checkIn.feedback.map((f) => (
              <tr key={f.memberId}>
                <th scope="row">
                  {f.name}
                  {f.isHiringManager && ' (hiring manager)'}
                </th>
                <td>{count(`hm-feedback-decided:${f.email}`, f.decided)}</td>
                <td>
                  <Figure metric={`hm-feedback-median-hours:${f.email}`} value={f.medianHours}>
                    {formatAmount(f.medianHours)}
                  </Figure>
                </td>
                <td>
                  <Figure metric={`hm-feedback-p90-hours:${f.email}`} value={f.p90Hours}>
                    {formatAmount(f.p90Hours)}
                  </Figure>
                </td>
                <td>
                  <Figure metric={`hm-within-deadline:${f.email}`} value={f.withinDeadline}>
                    {formatShare(f.withinDeadline)}
                  </Figure>
                </td>
                <td>{count(`hm-open:${f.email}`, f.open)}</td>
                <td>{count(`hm-overdue:${f.email}`, f.overdue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Offer declines</h3>
      {checkIn.offerDeclines.length === 0 ? (
        <p>No offer declined.</p>
      ) : (
        <ul>
          {checkIn.offerDeclines.map((d) => (
            <li key={d.reason}>
              {declineReason(d.reason)}: {count(`offer-decline:${d.reason}`, d.count)}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
