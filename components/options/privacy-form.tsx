import { format } from 'date-fns';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage } from '@/components/ui/error-message';
import { memberObjectName } from '@/components/ui/member-name';
import { useAction } from '@/components/ui/use-action';
import { readMe } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import { teamPrivacyRow } from '@/lib/db/privacy-queries';
import { membersById } from '@/lib/db/queries';
import { type Me, type Member, PrivacyChoices, RetentionMonths, type RetentionPreview, type TeamPrivacy, canSetPrivacy, privacyChoices } from '@/lib/model';
import { teamPrivacySet } from '@/lib/mutations';
import { RetentionPreviewButton } from './retention-preview';

type Field = keyof PrivacyChoices;

/** What the form holds while an admin types: numbers as typed, so a half-typed one is not lost. */
interface Draft {
  noticeDays: string;
  noticeAtDeadline: PrivacyChoices['noticeAtDeadline'];
  retentionOn: boolean;
  retentionMonths: string;
  suppressOnDoNotContact: boolean;
}

const draftOf = (c: PrivacyChoices): Draft => ({
  noticeDays: String(c.noticeDays),
  noticeAtDeadline: c.noticeAtDeadline,
  retentionOn: c.retentionMonths !== null,
  retentionMonths: String(c.retentionMonths ?? 24),
  suppressOnDoNotContact: c.suppressOnDoNotContact,
});

const wholeNumber = (typed: string) => (typed.trim() === '' ? NaN : Number(typed));

/** The months to preview: the typed ones while retention is on and they are valid, else none. */
function previewMonths(draft: Draft): number | null {
  const months = RetentionMonths.safeParse(wholeNumber(draft.retentionMonths));
  return draft.retentionOn && months.success ? months.data : null;
}

/**
 * The months whose preview Save waits for, or null: switching retention on, or changing its
 * months while on, erases people at the next daily run, so the admin first sees who. Switching
 * it off, keeping the saved months, or months the schema refuses (Save names the error) wait
 * for nothing.
 */
function monthsToPreview(draft: Draft, saved: PrivacyChoices, preview: RetentionPreview | null): number | null {
  const months = previewMonths(draft);
  if (months === null || months === saved.retentionMonths || preview?.months === months) return null;
  return months;
}

/** The draft checked by the schema the mutation takes: the choices, or each field's first error. */
export function checkDraft(draft: Draft): { choices: PrivacyChoices } | { errors: Partial<Record<Field, string>> } {
  const parsed = PrivacyChoices.safeParse({
    noticeDays: wholeNumber(draft.noticeDays),
    noticeAtDeadline: draft.noticeAtDeadline,
    retentionMonths: draft.retentionOn ? wholeNumber(draft.retentionMonths) : null,
    suppressOnDoNotContact: draft.suppressOnDoNotContact,
  });
  if (parsed.success) return { choices: parsed.data };
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as Field;
    errors[field] ??= issue.code === 'invalid_type' || issue.code === 'not_multiple_of' ? 'a whole number' : issue.message;
  }
  return { errors };
}

const AT_DEADLINE_LABELS: Record<PrivacyChoices['noticeAtDeadline'], string> = {
  remind: 'Remind again, once a working day',
  erase: 'Erase the person',
};

/**
 * Options → Privacy: the team's choices for the Article 14 notice, retention and the
 * suppression list. Admins edit them (`team.privacy.set`); everyone else reads them, with who
 * set them and when.
 */
export function PrivacyForm() {
  const db = useDb();
  const view = useLiveQuery(async () => {
    const [me, row, members] = await Promise.all([readMe(db), teamPrivacyRow(db), membersById(db)]);
    return me ? { me, row, members } : null;
  }, [db]);
  if (!view) return null;
  if (!canSetPrivacy(view.me.role)) return <PrivacyReadOnly me={view.me} row={view.row} members={view.members} />;
  // A fresh form in another team; edits in progress are kept while rows arrive.
  return <PrivacyFields key={view.me.teamId} me={view.me} row={view.row} members={view.members} />;
}

function SetBy({ row, members, meId }: { row: TeamPrivacy | undefined; members: Map<string, Member>; meId: string }) {
  if (!row) return <p className="muted small">The team’s defaults: no admin has changed them.</p>;
  return (
    <p className="muted small" data-testid="privacy-set-by">
      Set by <span dir="auto">{memberObjectName(row.updatedBy, members, meId)}</span> on {format(row.updatedAt, 'd MMM yyyy')}.
    </p>
  );
}

function PrivacyReadOnly({ me, row, members }: { me: Me; row: TeamPrivacy | undefined; members: Map<string, Member> }) {
  const c = privacyChoices(row);
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Privacy</h2>
      <dl className="privacy-choices">
        <dt>Privacy notice due within</dt>
        <dd>{c.noticeDays} days of the team first storing a person</dd>
        <dt>At the deadline, with no notice logged</dt>
        <dd>{AT_DEADLINE_LABELS[c.noticeAtDeadline]}</dd>
        <dt>Erase people with no activity</dt>
        <dd>{c.retentionMonths === null ? 'Off' : `After ${c.retentionMonths} months`}</dd>
        <dt>Do-not-contact people in the suppression list</dt>
        <dd>{c.suppressOnDoNotContact ? 'Kept' : 'Not kept'}</dd>
      </dl>
      <SetBy row={row} members={members} meId={me.memberId} />
      <p className="muted small">Only an admin changes these.</p>
    </section>
  );
}

function PrivacyFields({ me, row, members }: { me: Me; row: TeamPrivacy | undefined; members: Map<string, Member> }) {
  const db = useDb();
  const [draft, setDraft] = useState(() => draftOf(privacyChoices(row)));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState(false);
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const { run, error, busy } = useAction();
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    // Retention switched or its months retyped: a preview shown before is asked afresh.
    if ('retentionOn' in patch || 'retentionMonths' in patch) setPreview(null);
    setDraft({ ...draft, ...patch });
  };
  const unpreviewed = monthsToPreview(draft, privacyChoices(row), preview);
  const invalid = (field: Field) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `privacy-${field}-error` } : {});
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="error" id={`privacy-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;

  const save = async () => {
    if (unpreviewed !== null) return;
    const checked = checkDraft(draft);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    if (await run(() => mutate(db, teamPrivacySet, checked.choices))) setSaved(true);
  };

  return (
    <form
      noValidate
      aria-labelledby="privacy-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend id="privacy-heading">Privacy</legend>
        <div className="field">
          <label htmlFor="privacy-notice-days">Privacy notice due within (days)</label>
          <input id="privacy-notice-days" type="number" min={1} max={31} value={draft.noticeDays} onChange={(e) => set({ noticeDays: e.target.value })} {...invalid('noticeDays')} />
          <p className="muted small">Days from the team first storing a person to telling them it holds their data (GDPR Article 14: a month at most).</p>
          {fieldError('noticeDays')}
        </div>
        <fieldset className="field">
          <legend>At the deadline, with no notice logged</legend>
          {(['remind', 'erase'] as const).map((choice) => (
            <label key={choice} className="inline">
              <input type="radio" name="privacy-at-deadline" value={choice} checked={draft.noticeAtDeadline === choice} onChange={() => set({ noticeAtDeadline: choice })} /> {AT_DEADLINE_LABELS[choice]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="inline">
            <input type="checkbox" checked={draft.retentionOn} onChange={(e) => set({ retentionOn: e.target.checked })} /> Erase people with no activity for a while
          </label>
          {draft.retentionOn && (
            <>
              <label htmlFor="privacy-retention-months">Months without activity</label>
              <input
                id="privacy-retention-months"
                type="number"
                min={1}
                max={120}
                value={draft.retentionMonths}
                onChange={(e) => set({ retentionMonths: e.target.value })}
                {...invalid('retentionMonths')}
              />
              {fieldError('retentionMonths')}
            </>
          )}
          <RetentionPreviewButton key={previewMonths(draft) ?? 'off'} months={previewMonths(draft)} preview={preview} onPreview={setPreview} />
        </div>
        <div className="field">
          <label className="inline">
            <input type="checkbox" checked={draft.suppressOnDoNotContact} onChange={(e) => set({ suppressOnDoNotContact: e.target.checked })} /> Keep do-not-contact people in the suppression list
          </label>
          <p className="muted small">Marking someone do-not-contact also keeps their profile keys and emails, hashed, so nobody sources them again.</p>
        </div>
        <SetBy row={row} members={members} meId={me.memberId} />
        {unpreviewed !== null && (
          <p className="muted small" id="privacy-save-waits">
            Preview who {unpreviewed === 1 ? '1 month' : `${unpreviewed} months`} would erase before saving.
          </p>
        )}
        <button type="submit" disabled={busy || unpreviewed !== null} aria-describedby={unpreviewed !== null ? 'privacy-save-waits' : undefined}>
          Save privacy settings
        </button>{' '}
        {saved && (
          <span className="saved" role="status">
            Saved. Your team sees it at the next sync.
          </span>
        )}
        <ErrorMessage error={error} />
      </fieldset>
    </form>
  );
}
