import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useDb } from '@/components/ui/db-context';
import { ErrorMessage, errorText } from '@/components/ui/error-message';
import { ensureMe, readMe } from '@/lib/db/local-state';
import { type Me, ROLE_LABELS, Role } from '@/lib/model';
import { saveProfile } from '@/lib/db/member-profile';
import { readSession } from '@/lib/sync/session';

/** Who you are on this device; the feed names you by it. */
export function ProfileForm() {
  const db = useDb();
  useEffect(() => void ensureMe(db), [db]);
  const me = useLiveQuery(() => readMe(db), [db]);
  const signedIn = useLiveQuery(async () => (await readSession(db)) !== undefined, [db]);
  if (!me || signedIn === undefined) return null;
  // Signed in, the team's server says who you are; an admin changes names and roles there.
  if (signedIn) return null;
  return <ProfileFields key={me.memberId} initial={me} />;
}

function ProfileFields({ initial }: { initial: Me }) {
  const db = useDb();
  const [draft, setDraft] = useState({ name: initial.name, email: initial.email, role: initial.role });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await saveProfile(db, draft);
      setSaved(true);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>You</legend>
        <div className="field">
          <label htmlFor="profile-name">Name</label>
          <input id="profile-name" data-testid="profile-name" value={draft.name} required maxLength={120} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </div>
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
        <button type="submit" data-testid="profile-save">
          Save
        </button>{' '}
        {saved && (
          <span className="saved" role="status">
            Saved.
          </span>
        )}
        <ErrorMessage error={error} />
      </fieldset>
    </form>
  );
}
