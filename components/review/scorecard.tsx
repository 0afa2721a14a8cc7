import { useId } from 'react';
import type { Mark } from './review-store';
import { SHORTCUT_ITEMS } from './shortcuts';

export interface ScorecardItem {
  text: string;
  kind: 'must' | 'nice';
}

/** The role's scorecard in order: must-haves first, each item once. */
export function scorecardItems(mustHaves: string[], niceToHaves: string[]): ScorecardItem[] {
  const seen = new Set<string>();
  const items: ScorecardItem[] = [];
  for (const [kind, list] of [['must', mustHaves], ['nice', niceToHaves]] as const) {
    for (const text of list) {
      if (seen.has(text)) continue;
      seen.add(text);
      items.push({ text, kind });
    }
  }
  return items;
}

interface Props {
  items: ScorecardItem[];
  marks: Record<string, Mark>;
  onMark: (item: string, mark: Mark | null) => void;
}

/**
 * Each item is unset, met or missing: two toggle buttons, pressing the pressed one clears it.
 * Plain buttons, so Tab, Space and Enter work and screen readers hear "Met, pressed".
 */
export function Scorecard({ items, marks, onMark }: Props) {
  const must = items.filter((i) => i.kind === 'must');
  const nice = items.filter((i) => i.kind === 'nice');
  if (items.length === 0) return <p className="muted empty">This role has no scorecard yet.</p>;
  return (
    <div className="scorecard" data-testid="review-scorecard">
      {must.length > 0 && <ItemGroup title="Must-haves" items={must} all={items} marks={marks} onMark={onMark} />}
      {nice.length > 0 && <ItemGroup title="Nice-to-haves" items={nice} all={items} marks={marks} onMark={onMark} />}
    </div>
  );
}

function ItemGroup({ title, items, all, marks, onMark }: Props & { title: string; all: ScorecardItem[] }) {
  return (
    <fieldset>
      <legend>{title}</legend>
      <ul>
        {items.map((item) => (
          <ItemRow key={item.text} item={item} position={all.indexOf(item) + 1} mark={marks[item.text]} onMark={onMark} />
        ))}
      </ul>
    </fieldset>
  );
}

function ItemRow({ item, position, mark, onMark }: { item: ScorecardItem; position: number; mark: Mark | undefined; onMark: Props['onMark'] }) {
  const labelId = useId();
  const toggle = (next: Mark) => onMark(item.text, mark === next ? null : next);
  return (
    <li className="scorecard-item" data-mark={mark ?? 'unset'}>
      <span id={labelId} className="item-text">
        {position <= SHORTCUT_ITEMS && (
          <kbd className="item-key" aria-hidden="true">
            {position}
          </kbd>
        )}
        <span dir="auto">{item.text}</span>
      </span>
      <span role="group" aria-labelledby={labelId} className="mark-buttons">
        <button type="button" className="mark met" aria-pressed={mark === 'met'} onClick={() => toggle('met')}>
          Met
        </button>
        <button type="button" className="mark missing" aria-pressed={mark === 'missing'} onClick={() => toggle('missing')}>
          Missing
        </button>
      </span>
    </li>
  );
}
