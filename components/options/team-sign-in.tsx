import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { FirstSyncProgress } from '@/components/sync/first-sync-progress';
import { SyncStatus } from '@/components/sync/sync-status';
import { useDb } from '@/components/ui/db-context';
import { exportBackupFile } from '@/lib/backup/backup';
import { readMe } from '@/lib/db/local-state';
import { LOCAL_TEAM_ID, ROLE_LABELS, type UnsentChanges } from '@/lib/model';
import { SignInError, UnsentChangesError, lastServerUrl, signIn, signOut } from '@/lib/sync/account';
import { type OtherTeamChanges, changesForOtherTeams, discardChanges, dropHeldChanges, readHeldChanges } from '@/lib/sync/outbox';
import { type Session, readSession } from '@/lib/sync/session';
import { downloadBackup } from './download-backup';

function defaultDeviceName(): string {
  const data = (navigator as Navigator & { userAgentData?: { brands?: { brand: string }[]; platform?: string } }).userAgentData;
  const brand = data?.brands?.map((b) => b.brand).find((b) => !/not.?a.?brand|chromium/i.test(b)) ?? (navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chromium');
  return `${brand} on ${data?.platform || navigator.platform || 'this computer'}`;
}

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

/**
 * Unsent changes written for another team than the one signed in to (made there, then signed
 * out and in here). They are never sent here; the member keeps them for that team or discards
 * them.
 */
function OtherTeamChangesQuestion({ session }: { session: Session }) {
  const db = useDb();
  const others = useLiveQuery(() => changesForOtherTeams(db, session.teamId), [db, session.teamId]);
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());
  if (!others?.length) return null;
  const one = (o: OtherTeamChanges) => {
    const team = o.teamName ?? 'another team';
    const discard = (
      <button type="button" data-testid="discard-other-team-changes" onClick={() => void discardChanges(db, o.teamId)}>
        Discard {changes(o.count)}
      </button>
    );
    if (kept.has(o.teamId)) {
      return (
        <p key={o.teamId} data-testid="other-team-changes" data-team={o.teamId}>
          {changes(o.count)} made in {team} wait until you sign back in to {team}. {discard}
        </p>
      );
    }
    return (
      <div key={o.teamId} role="group" aria-labelledby={`other-team-${o.teamId}`} data-testid="other-team-changes" data-team={o.teamId}>
        <p id={`other-team-${o.teamId}`}>
          {changes(o.count)} made in {team} {o.count === 1 ? 'was' : 'were'} not sent before you switched teams. {o.count === 1 ? 'It is' : 'They are'} never sent
          to {session.teamName}. Keep {o.count === 1 ? 'it' : 'them'} until you sign back in to {team}, or discard {o.count === 1 ? 'it' : 'them'}?
        </p>
        <button type="button" data-testid="keep-other-team-changes" onClick={() => setKept(new Set([...kept, o.teamId]))}>
          Keep until I sign back in to {team}
        </button>{' '}
        {discard}
      </div>
    );
  };
  return <div className="other-team-changes">{others.map(one)}</div>;
}

/**
 * Unsent changes made in this team by another member who was signed in on this browser. They
 * are never sent as the member signed in now: exported, that member can import them signed in
 * as themselves; or they are discarded.
 */
function HeldChangesQuestion({ session }: { session: Session }) {
  const db = useDb();
  const held = useLiveQuery(async () => (await readHeldChanges(db)).filter((h) => h.teamId === session.teamId || h.teamId === LOCAL_TEAM_ID), [db, session.teamId]);
  const [exported, setExported] = useState<ReadonlySet<string>>(new Set());
  if (!held?.length) return null;
  const one = (h: UnsentChanges) => {
    const who = h.memberName ?? 'another member';
    const n = h.changes.length;
    const save = async () => {
      downloadBackup(await exportBackupFile(db, Date.now(), [h]), 'unsent-changes');
      setExported(new Set([...exported, h.memberId]));
    };
    return (
      <div key={h.memberId} role="group" aria-labelledby={`held-${h.memberId}`} data-testid="held-changes">
        <p id={`held-${h.memberId}`}>
          {changes(n)} made on this browser by {who} {n === 1 ? 'was' : 'were'} not sent before they signed out. {n === 1 ? 'It is' : 'They are'} never sent in your
          name: export {n === 1 ? 'it' : 'them'} for {who} to import, signed in as themselves, or discard {n === 1 ? 'it' : 'them'}.
          {exported.has(h.memberId) && ' Exported.'}
        </p>
        <button type="button" data-testid="export-held-changes" onClick={() => void save()}>
          Export for {who}
        </button>{' '}
        <button type="button" data-testid="discard-held-changes" onClick={() => void dropHeldChanges(db, h.teamId, h.memberId)}>
          Discard {changes(n)}
        </button>
      </div>
    );
  };
  return <div className="held-changes">{held.map(one)}</div>;
}

/**
 * Signing out. Removing the team's data would also delete changes that never reached the
 * server: then it says how many, offers to export them first, and wipes only when told to.
 */
function SignOut() {
  const db = useDb();
  const [wipe, setWipe] = useState(false);
  const [unsent, setUnsent] = useState<number | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  const leave = async (discardUnsent = false) => {
    try {
      await signOut(db, { wipe, discardUnsent });
    } catch (e) {
      if (!(e instanceof UnsentChangesError)) throw e;
      setUnsent(e.count);
    }
  };
  const save = async () => setExported(downloadBackup(await exportBackupFile(db), 'unsent-changes'));

  if (unsent !== null) {
    const them = unsent === 1 ? 'it' : 'them';
    return (
      <div role="alertdialog" aria-labelledby="unsent-title" aria-describedby="unsent-text" data-testid="unsent-warning" className="unsent-warning">
        <p id="unsent-title">
          <strong>
            {changes(unsent)} on this browser {unsent === 1 ? 'has' : 'have'} not been sent yet.
          </strong>
        </p>
        <p id="unsent-text">
          Removing the team’s data deletes {them}. Export {them} first to a file: imported after signing in again, {them === 'it' ? 'it is' : 'they are'} sent as the
          member who made {them}.{exported && ` Saved as ${exported}.`}
        </p>
        <button type="button" data-testid="export-unsent" autoFocus onClick={() => void save()}>
          Export {them} first
        </button>{' '}
        <button type="button" data-testid="wipe-confirm" onClick={() => void leave(true)}>
          Delete {changes(unsent)} and sign out
        </button>{' '}
        <button type="button" data-testid="wipe-cancel" onClick={() => setUnsent(null)}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <>
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={wipe} onChange={(e) => setWipe(e.target.checked)} />
          Also remove the team’s data and any unsent changes from this browser
        </label>
      </div>
      <button type="button" data-testid="signout-submit" onClick={() => void leave()}>
        Sign out
      </button>
    </>
  );
}

interface Props {
  /** Called after sign-in, so the page can ask the worker to sync at once. */
  onSignedIn?: () => void;
}

/** Joins this browser to the team's server with an invite code, or leaves it. */
export function TeamSignIn({ onSignedIn }: Props) {
  const db = useDb();
  const session = useLiveQuery(async () => (await readSession(db)) ?? null, [db]);
  const me = useLiveQuery(() => readMe(db), [db]);
  const remembered = useLiveQuery(() => lastServerUrl(db), [db]);
  const [typedServerUrl, setServerUrl] = useState<string | null>(null);
  const serverUrl = typedServerUrl ?? remembered ?? '';
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (session === undefined) return null;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await signIn(db, { serverUrl, code, deviceName: defaultDeviceName() });
      setCode('');
      onSignedIn?.();
    } catch (e) {
      setError(e instanceof SignInError ? e.message : `Sign-in failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  if (session) {
    return (
      <fieldset>
        <legend>Team</legend>
        <p data-testid="signed-in-as">
          Signed in as <strong>{me?.name}</strong> ({me ? ROLE_LABELS[me.role] : '…'}) to <strong>{session.teamName}</strong> at {session.serverUrl}.
        </p>
        <FirstSyncProgress />
        <SyncStatus />
        <OtherTeamChangesQuestion session={session} />
        <HeldChangesQuestion session={session} />
        <SignOut />
      </fieldset>
    );
  }

  return (
    <form
      // The address is checked here, with words (a bare host such as tandem.acme.com is fine), not by the browser's tooltip.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>Team</legend>
        <p className="muted">Join your team’s Tandem server to share notes and history. Ask your admin for the server address and an invite code.</p>
        <div className="field">
          <label htmlFor="signin-server">Server address</label>
          <input
            id="signin-server"
            data-testid="signin-server"
            type="text"
            inputMode="url"
            autoComplete="url"
            placeholder="tandem.example.com"
            aria-describedby={error ? 'signin-error' : undefined}
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="signin-code">Invite code</label>
          <input id="signin-code" data-testid="signin-code" autoComplete="off" required placeholder="ABCD-EFGH-JKLM-NPQR" value={code} onChange={(e) => setCode(e.target.value)} />
        </div>
        <button type="submit" data-testid="signin-submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error && (
          <p className="error" role="alert" data-testid="signin-error" id="signin-error">
            {error}
          </p>
        )}
      </fieldset>
    </form>
  );
}
