import { useId, useState } from 'react';
import { ulid } from 'ulidx';
import { useDb } from '@/components/ui/db-context';
import { errorText } from '@/components/ui/error-message';
import { useRevealAfterRender } from '@/components/ui/reveal';
import { DEFAULT_STAGES, ROLE_LABELS, canManageHiring, canRecruitFor, canStaffRequisition, type Member, type Me, type Requisition } from '@/lib/model';
import { requisitionSave } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { REQUISITION_STATUS_LABELS } from '@/lib/review/summaries';
import { dateInputToTimestamp, timestampToDateInput } from './date-input';
import { ItemListEditor, fromListItems, toListItems, type ListItem } from './item-list-editor';
import { MemberOptions } from './member-options';
import { nameOf, rolesFirst } from './team';

interface Props {
  /** The requisition to edit, or null for a new one. */
  initial: Requisition | null;
  me: Me;
  members: Member[];
  onSaved: (id: string) => void;
  onCancel: () => void;
}

interface Draft {
  title: string;
  hiringManagerId: string;
  recruiterIds: string[];
  mustHaves: ListItem[];
  niceToHaves: ListItem[];
  feedbackSlaHours: string;
  targetHires: string;
  targetDate: string;
  stages: ListItem[];
  status: Requisition['status'];
}

function initialDraft(initial: Requisition | null, me: Me, members: Member[]): Draft {
  if (initial) {
    return {
      title: initial.title,
      hiringManagerId: initial.hiringManagerId,
      recruiterIds: initial.recruiterIds,
      mustHaves: toListItems(initial.mustHaves),
      niceToHaves: toListItems(initial.niceToHaves),
      feedbackSlaHours: String(initial.feedbackSlaHours),
      targetHires: String(initial.targetHires),
      targetDate: timestampToDateInput(initial.targetDate),
      stages: toListItems(initial.stages),
      status: initial.status,
    };
  }
  const { preferred: managers } = rolesFirst(members, ['hiring_manager']);
  return {
    title: '',
    hiringManagerId: managers.length === 1 ? managers[0]!.id : '',
    recruiterIds: me.role === 'recruiter' ? [me.memberId] : [],
    mustHaves: [],
    niceToHaves: [],
    feedbackSlaHours: '48',
    targetHires: '1',
    targetDate: '',
    stages: toListItems(DEFAULT_STAGES),
    status: 'open',
  };
}

/** A whole number typed in a field, or a message saying what to type. */
function wholeNumber(value: string, what: string): number | string {
  const n = Number(value.trim());
  return value.trim() === '' || !Number.isFinite(n) ? `Enter ${what}.` : n;
}

const WHOLE_NUMBER = { type: 'number', inputMode: 'numeric', min: 1, step: 1 } as const;

/** The fields checked before saving, top to bottom: the first with a problem takes focus. */
const CHECKED = ['title', 'manager', 'sla', 'hires'] as const;
type Checked = (typeof CHECKED)[number];
type Problems = Partial<Record<Checked, string>>;

function problemsOf(draft: Draft, sla: number | string, hires: number | string): Problems {
  const problems: Problems = {};
  if (draft.title.trim() === '') problems.title = 'Enter a title.';
  if (draft.hiringManagerId === '') problems.manager = 'Choose the hiring manager.';
  if (typeof sla === 'string') problems.sla = sla;
  if (typeof hires === 'string') problems.hires = hires;
  return problems;
}

/** Creates or edits the intake. Saves through `requisition.save`; its refusal reason is shown as is. */
export function RequisitionEditor({ initial, me, members, onSaved, onCancel }: Props) {
  const db = useDb();
  const base = useId();
  const [id] = useState(() => initial?.id ?? ulid());
  const [draft, setDraft] = useState(() => initialDraft(initial, me, members));
  /** A refusal no field explains (the mutation's reason). */
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const revealAfterRender = useRevealAfterRender();

  // Only members the rules accept are offered (requisition.save refuses anyone else).
  const managers = rolesFirst(members.filter((m) => canManageHiring(m.role)), ['hiring_manager']);
  const recruiters = rolesFirst(members.filter((m) => canRecruitFor(m.role)), ['recruiter']);
  const eligibleRecruiters = new Set([...recruiters.preferred, ...recruiters.others].map((m) => m.id));
  const eligibleManagers = new Set([...managers.preferred, ...managers.others].map((m) => m.id));
  const byId = new Map(members.map((m) => [m.id, m]));
  // Someone who left the team, or no longer recruits, stays visible (and removable) rather than silently dropped.
  const formerRecruiters = draft.recruiterIds.filter((r) => !eligibleRecruiters.has(r));
  // A hiring manager edits the intake; who works on the role is the recruiting team's to change.
  const mayStaff = canStaffRequisition(me.role);

  const field = (name: string) => `${base}-${name}`;

  const save = async () => {
    if (saving) return;
    setError(null);
    const sla = wholeNumber(draft.feedbackSlaHours, 'the feedback deadline in hours');
    const hires = wholeNumber(draft.targetHires, 'how many people to hire');
    const found = problemsOf(draft, sla, hires);
    setProblems(found);
    const first = CHECKED.find((name) => found[name]);
    // (A bad number is always among the problems; the type checks say so to the compiler.)
    if (first || typeof sla === 'string' || typeof hires === 'string') {
      revealAfterRender(() => document.getElementById(field(first!)));
      return;
    }
    setSaving(true);
    try {
      await mutate(db, requisitionSave, {
        id,
        title: draft.title,
        hiringManagerId: draft.hiringManagerId,
        recruiterIds: draft.recruiterIds,
        mustHaves: fromListItems(draft.mustHaves),
        niceToHaves: fromListItems(draft.niceToHaves),
        feedbackSlaHours: sla,
        targetHires: hires,
        targetDate: dateInputToTimestamp(draft.targetDate),
        stages: fromListItems(draft.stages),
        status: draft.status,
      });
      onSaved(id);
    } catch (e) {
      setError(errorText(e));
      revealAfterRender(() => document.getElementById(field('error')));
    } finally {
      setSaving(false);
    }
  };

  /** A checked field's id, and its problem read with it (aria-describedby) and marked (aria-invalid). */
  const checked = (name: Checked, hint?: string) => ({
    id: field(name),
    'aria-invalid': problems[name] ? true : undefined,
    'aria-describedby': [problems[name] ? field(`${name}-problem`) : null, hint ? field(hint) : null].filter(Boolean).join(' ') || undefined,
  });
  const problem = (name: Checked) =>
    problems[name] && (
      <p className="error" id={field(`${name}-problem`)}>
        {problems[name]}
      </p>
    );
  return (
    <form
      className="requisition-editor"
      aria-labelledby={field('heading')}
      data-testid="requisition-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id={field('heading')}>{initial ? `Edit intake: ${initial.title}` : 'New requisition'}</h2>

      <fieldset>
        <legend>The role</legend>
        <div className="field">
          <label htmlFor={field('title')}>Title</label>
          <input autoFocus dir="auto" value={draft.title} maxLength={200} required onChange={(e) => set('title', e.target.value)} {...checked('title')} />
          {problem('title')}
        </div>
        <div className="field">
          <label htmlFor={field('status')}>Status</label>
          <select id={field('status')} value={draft.status} onChange={(e) => set('status', e.target.value as Requisition['status'])}>
            {(['open', 'on_hold', 'closed'] as const).map((s) => (
              <option key={s} value={s}>
                {REQUISITION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset disabled={!mayStaff} aria-describedby={mayStaff ? undefined : field('people-hint')}>
        <legend>People</legend>
        {!mayStaff && (
          <p className="muted small" id={field('people-hint')}>
            Recruiters and admins choose who works on this role.
          </p>
        )}
        <div className="field">
          <label htmlFor={field('manager')}>Hiring manager</label>
          <select value={draft.hiringManagerId} required onChange={(e) => set('hiringManagerId', e.target.value)} {...checked('manager')}>
            {draft.hiringManagerId === '' && <option value="">Choose…</option>}
            {draft.hiringManagerId !== '' && !eligibleManagers.has(draft.hiringManagerId) && <option value={draft.hiringManagerId}>{nameOf(byId, draft.hiringManagerId)}</option>}
            <MemberOptions {...managers} />
          </select>
          {problem('manager')}
        </div>
        <fieldset className="checkbox-group">
          <legend>Recruiters</legend>
          {[...recruiters.preferred, ...recruiters.others].map((m) => (
            <div className="field checkbox" key={m.id}>
              <label>
                <input
                  type="checkbox"
                  checked={draft.recruiterIds.includes(m.id)}
                  onChange={(e) => set('recruiterIds', e.target.checked ? [...draft.recruiterIds, m.id] : draft.recruiterIds.filter((r) => r !== m.id))}
                />
                {m.name}
                <span className="muted small">{ROLE_LABELS[m.role]}</span>
              </label>
            </div>
          ))}
          {formerRecruiters.map((r) => (
            <div className="field checkbox" key={r}>
              <label>
                <input type="checkbox" checked onChange={() => set('recruiterIds', draft.recruiterIds.filter((x) => x !== r))} />
                {nameOf(byId, r)}
              </label>
            </div>
          ))}
        </fieldset>
      </fieldset>

      <div className="scorecard-columns">
        <ItemListEditor
          legend="Must-haves"
          itemLabel="Must-have"
          hint="What a person needs to be worth a conversation. Reviewers tick these as met or missing."
          items={draft.mustHaves}
          onChange={(items) => set('mustHaves', items)}
          maxItems={30}
          maxLength={200}
          testId="must-haves"
        />
        <ItemListEditor
          legend="Nice-to-haves"
          itemLabel="Nice-to-have"
          hint="What makes a person stand out, but is not required."
          items={draft.niceToHaves}
          onChange={(items) => set('niceToHaves', items)}
          maxItems={30}
          maxLength={200}
          testId="nice-to-haves"
        />
      </div>

      <fieldset>
        <legend>Deadlines and targets</legend>
        <div className="field-grid">
          <div className="field">
            <label htmlFor={field('sla')}>Feedback deadline (hours)</label>
            <input {...WHOLE_NUMBER} max={720} value={draft.feedbackSlaHours} onChange={(e) => set('feedbackSlaHours', e.target.value)} {...checked('sla', 'sla-hint')} />
            {problem('sla')}
            <p className="muted small" id={field('sla-hint')}>
              A review is due this long after it is sent.
            </p>
          </div>
          <div className="field">
            <label htmlFor={field('hires')}>Target hires</label>
            <input {...WHOLE_NUMBER} max={1000} value={draft.targetHires} onChange={(e) => set('targetHires', e.target.value)} {...checked('hires')} />
            {problem('hires')}
          </div>
          <div className="field">
            <label htmlFor={field('date')}>Target date</label>
            <input id={field('date')} type="date" value={draft.targetDate} aria-describedby={field('date-hint')} onChange={(e) => set('targetDate', e.target.value)} />
            <p className="muted small" id={field('date-hint')}>
              Optional.
            </p>
          </div>
        </div>
      </fieldset>

      <ItemListEditor
        legend="Stages"
        itemLabel="Stage"
        hint="The steps a person goes through, in order."
        items={draft.stages}
        onChange={(items) => set('stages', items)}
        maxItems={30}
        maxLength={100}
        testId="stages"
      />

      {error && (
        <p className="error requisition-error" role="alert" data-testid="requisition-error" tabIndex={-1} id={field('error')}>
          {error}
        </p>
      )}
      <div className="button-row form-actions">
        <button type="submit" disabled={saving} data-testid="requisition-save">
          {initial ? 'Save changes' : 'Create requisition'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
