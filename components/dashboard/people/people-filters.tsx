import { useId } from 'react';
import { NO_FILTERS, type PeopleFilters, type Requisition, type SiteId } from '@/lib/model';
import { SITE_NAMES } from '@/lib/sites/site-names';

/** A date input's value as the start of that day on this device, and back. */
const dayStart = (value: string) => (value ? new Date(`${value}T00:00:00`).getTime() : null);
const dayValue = (at: number | null) => {
  if (at === null) return '';
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const SITES = Object.keys(SITE_NAMES) as SiteId[];

/** The People view's filters; every change replaces the whole set (a saved search holds it as is). */
export function PeopleFiltersForm({ filters, requisitions, onChange }: { filters: PeopleFilters; requisitions: readonly Requisition[]; onChange: (next: PeopleFilters) => void }) {
  const id = useId();
  const set = (patch: Partial<PeopleFilters>) => onChange({ ...filters, ...patch });
  const requisition = requisitions.find((r) => r.id === filters.requisitionId) ?? null;
  const changed = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <fieldset className="people-filters">
      <legend>Filters</legend>
      <div className="field">
        <label htmlFor={`${id}-req`}>In requisition</label>
        <select id={`${id}-req`} value={filters.requisitionId ?? ''} onChange={(e) => set({ requisitionId: e.target.value || null, reachedStage: null })}>
          <option value="">Any requisition</option>
          {requisitions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
              {r.status === 'closed' ? ' (closed)' : r.status === 'on_hold' ? ' (on hold)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-stage`}>Reached stage</label>
        <select id={`${id}-stage`} value={filters.reachedStage ?? ''} disabled={!requisition} onChange={(e) => set({ reachedStage: e.target.value || null })}>
          <option value="">{requisition ? 'Any stage' : 'Choose a requisition first'}</option>
          {requisition?.stages.map((s) => (
            <option key={s} value={s}>
              {s} or later
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-verdict`}>Review verdict</label>
        <select id={`${id}-verdict`} value={filters.verdict ?? ''} onChange={(e) => set({ verdict: e.target.value === 'approve' || e.target.value === 'reject' ? e.target.value : null })}>
          <option value="">Any or none</option>
          <option value="approve">Approved</option>
          <option value="reject">Rejected</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-item`}>Scorecard item</label>
        <input id={`${id}-item`} type="text" value={filters.scorecardItem ?? ''} placeholder="e.g. Kubernetes" onChange={(e) => set({ scorecardItem: e.target.value || null })} />
        <select aria-label="Scorecard item met or missing" value={filters.scorecardState} onChange={(e) => set({ scorecardState: e.target.value === 'missing' ? 'missing' : 'met' })}>
          <option value="met">met</option>
          <option value="missing">missing</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-after`}>Last contacted on or after</label>
        <input id={`${id}-after`} type="date" value={dayValue(filters.lastContactedAfter)} disabled={filters.neverContacted} onChange={(e) => set({ lastContactedAfter: dayStart(e.target.value) })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-before`}>Last contacted before</label>
        <input id={`${id}-before`} type="date" value={dayValue(filters.lastContactedBefore)} disabled={filters.neverContacted} onChange={(e) => set({ lastContactedBefore: dayStart(e.target.value) })} />
      </div>
      <label className="check">
        <input type="checkbox" checked={filters.neverContacted} onChange={(e) => set({ neverContacted: e.target.checked, lastContactedAfter: null, lastContactedBefore: null })} /> Never contacted
      </label>
      <div className="field">
        <label htmlFor={`${id}-dnc`}>Do not contact</label>
        <select id={`${id}-dnc`} value={filters.doNotContact} onChange={(e) => set({ doNotContact: e.target.value === 'only' || e.target.value === 'exclude' ? e.target.value : 'any' })}>
          <option value="any">Everyone</option>
          <option value="exclude">Leave out do-not-contact</option>
          <option value="only">Only do-not-contact</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-site`}>Site</label>
        <select id={`${id}-site`} value={filters.site ?? ''} onChange={(e) => set({ site: SITES.find((s) => s === e.target.value) ?? null })}>
          <option value="">Any site</option>
          {SITES.map((s) => (
            <option key={s} value={s}>
              {SITE_NAMES[s]}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={filters.silverMedalists} onChange={(e) => set({ silverMedalists: e.target.checked })} /> Silver medalists (late stage of a closed requisition)
      </label>
      {changed && (
        <button type="button" className="link" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </fieldset>
  );
}
