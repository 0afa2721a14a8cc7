import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { useDb } from '@/components/ui/db-context';
import { DEFAULT_MEMBER_NAME, readMe } from '@/lib/db/local-state';

/** Until you have named yourself, your teammates' feeds cannot say who you are. */
export function ProfileHint() {
  const db = useDb();
  const me = useLiveQuery(() => readMe(db), [db]);
  if (!me || me.name !== DEFAULT_MEMBER_NAME) return null;
  return (
    <p className="small">
      <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
        Add your name and role
      </button>{' '}
      so the team knows who did what.
    </p>
  );
}
