import type { Member } from '@/lib/model';
import { memberWithRole } from './team';

/** The options of a member picker: hiring managers first, then everyone else with their role. */
export function MemberOptions({ preferred, others }: { preferred: Member[]; others: Member[] }) {
  return (
    <>
      {preferred.length > 0 && (
        <optgroup label="Hiring managers">
          {preferred.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </optgroup>
      )}
      {others.length > 0 && (
        <optgroup label="Everyone else">
          {others.map((m) => (
            <option key={m.id} value={m.id}>
              {memberWithRole(m)}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}
