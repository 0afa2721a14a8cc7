import type { Member } from '@/lib/model';
import { pickerLabel } from '@/components/ui/member-name';

/** The options of a member picker: hiring managers first, then everyone else with their role; invited members marked. */
export function MemberOptions({ preferred, others }: { preferred: Member[]; others: Member[] }) {
  return (
    <>
      {preferred.length > 0 && (
        <optgroup label="Hiring managers">
          {preferred.map((m) => (
            <option key={m.id} value={m.id}>
              {pickerLabel(m, { withRole: false })}
            </option>
          ))}
        </optgroup>
      )}
      {others.length > 0 && (
        <optgroup label="Everyone else">
          {others.map((m) => (
            <option key={m.id} value={m.id}>
              {pickerLabel(m, { withRole: true })}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}
