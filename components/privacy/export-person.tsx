import { strToU8, zipSync } from 'fflate';
import { useDb } from '@/components/ui/db-context';
import { downloadFile } from '@/components/ui/download-file';
import { ErrorMessage } from '@/components/ui/error-message';
import { useAction } from '@/components/ui/use-action';
import { exportPersonFromDevice } from '@/lib/db/person-export';
import { readSession } from '@/lib/sync/session';
import { type Me, type Prospect, canExportPerson } from '@/lib/model';
import { personExportText } from '@/lib/privacy/person-export';

/** A file name from a person's name: letters and digits of any script, the rest as dashes. */
export function exportFileName(name: string): string {
  const base = name.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'person';
  return `${base}-tandem-export`;
}

/**
 * Answers an access request from the sidebar: downloads what this device holds about the person
 * as one zip of JSON (the records as stored) and text a person can read. Recruiters and admins only.
 */
export function ExportPerson({ prospect, me }: { prospect: Prospect; me: Me | undefined }) {
  const db = useDb();
  const { run, error, busy } = useAction();
  if (!me || !canExportPerson(me.role)) return null;
  const save = () =>
    run(async () => {
      const exported = await exportPersonFromDevice(db, prospect.id);
      if (!exported) throw new Error('this person is no longer in the team');
      const teamName = (await readSession(db))?.teamName ?? 'Your team';
      const file = exportFileName(prospect.name);
      // One zip, not two downloads: browsers ask before a page downloads several files.
      const zip = zipSync({ [`${file}.json`]: strToU8(`${JSON.stringify(exported, null, 2)}\n`), [`${file}.txt`]: strToU8(personExportText(exported, teamName)) });
      downloadFile(`${file}.zip`, zip, 'application/zip');
    });
  return (
    <div className="export-person">
      <button type="button" disabled={busy} data-testid="export-person" onClick={() => void save()}>
        Export what we hold about <span dir="auto">{prospect.name}</span>
      </button>
      <ErrorMessage error={error} />
    </div>
  );
}
