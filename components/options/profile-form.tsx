import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { errorText } from '@/components/ui/error-message';
import { useRevealAfterRender } from '@/components/ui/reveal';
import { ensureMe, readMe } from '@/lib/db/local-state';
import { saveProfile, saveTeamProfile } from '@/lib/db/member-profile';
import { chosenTimeZone } from '@/lib/db/my-time-zone';
import { LOCAL_TEAM_ID, type Me, ROLE_LABELS, Role } from '@/lib/model';
import { TimeZoneSelect } from './time-zone-select';

/**
 * Who you are: the name the team's feed shows and the time zone your reminders follow. In a
 * team they are yours to set (synced; an admin may rename you), the role is the admin's; before
 * joining one, the whole profile is this device's own.
 */
export function ProfileForm() {
  const db = useDb();
  useEffect(() => void ensureMe(db), [db]);
  const view = useLiveQuery(async () => {
    const me = await readMe(db);
    return me ? { me, timeZone: await chosenTimeZone(db) } : null;
  }, [db]);
  if (!view) return null;
  // A new form when the device becomes another member (signing in); edits in progress are kept otherwise.
  return <ProfileFields key={`${view.me.memberId}:${view.me.teamId}`} me={view.me} timeZone={view.timeZone} />;
}

function ProfileFields({ me, timeZone }: { me: Me; timeZone: string | null }) {
  const db = useDb();
  const inTeam = me.teamId !== LOCAL_TEAM_ID;
  const [draft, setDraft] = useState({ name: me.name, email: me.email, role: me.role, timeZone });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const nameField = useRef<HTMLInputElement>(null);
  const errorLine = useRef<HTMLParagraphElement>(null);
  const revealAfterRender = useRevealAfterRender();
  const nameMissing = error !== null && draft.name.trim() === '';

  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      if (inTeam) await saveTeamProfile(db, { name: draft.name, timeZone: draft.timeZone });
      else await saveProfile(db, draft);
      setSaved(true);
    } catch (e) {
      setError(errorText(e));
      revealAfterRender(() => (draft.name.trim() === '' ? nameField.current : errorLine.current));
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>You</legend>
        <div className="field">
          <label htmlFor="profile-name">Name</label>
          <input
            id="profile-name"
            data-testid="profile-name"
            ref={nameField}
            value={draft.name}
            required
            maxLength={120}
            aria-invalid={nameMissing || undefined}
            aria-describedby={nameMissing ? 'profile-error' : undefined}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </div>
        {inTeam ? (
          <p className="muted small">
            {me.email} · {ROLE_LABELS[me.role]} (your admin changes roles)
          </p>
        ) : (
          <>
            <div className="field">
              <label htmlFor="profile-email">Email</label>
              <input id="profile-email" type="email" value={draft.email} maxLength={254} onChange={(e) => setDraft({ ...draft, email: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="profile-role">Role</label>
              <select id="profile-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: Role.parse(e.target.value) })}>
                {Role.options.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="profile-time-zone">Time zone</label>
          <TimeZoneSelect id="profile-time-zone" value={draft.timeZone} onChange={(zone) => setDraft({ ...draft, timeZone: zone })} />
          <p className="muted small">Reminders reach you on your working days outside quiet hours in this time zone.</p>
        </div>
        <button type="submit" data-testid="profile-save">
          Save
        </button>{' '}
        {saved && (
          <span className="saved" role="status">
            {inTeam ? 'Saved. Your team sees it at the next sync.' : 'Saved.'}
          </span>
        )}
        {error && (
          <p className="error" role="alert" id="profile-error" tabIndex={-1} ref={errorLine}>
            {error}
          </p>
        )}
      </fieldset>
    </form>
  );
}
