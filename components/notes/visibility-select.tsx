import type { NoteVisibility } from '@/lib/model';

/** Who can see a note: the team, or only its author. */
export function VisibilitySelect({ value, onChange }: { value: NoteVisibility; onChange: (v: NoteVisibility) => void }) {
  return (
    <label className="inline">
      <span className="visually-hidden">Who can see it</span>
      <select value={value} onChange={(e) => onChange(e.target.value as NoteVisibility)}>
        <option value="team">Team</option>
        <option value="private">Only me</option>
      </select>
    </label>
  );
}
