import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface ListItem {
  /** Stable across edits and moves, so focus can follow an item. */
  key: string;
  text: string;
}

let nextKey = 0;
export const toListItems = (texts: readonly string[]): ListItem[] => texts.map((text) => ({ key: `item-${++nextKey}`, text }));
/** What is saved: trimmed, blanks dropped. */
export const fromListItems = (items: readonly ListItem[]): string[] => items.map((i) => i.text.trim()).filter((t) => t !== '');

interface Props {
  legend: string;
  /** Names one entry: "Must-have", "Stage". */
  itemLabel: string;
  items: ListItem[];
  onChange: (items: ListItem[]) => void;
  maxItems: number;
  maxLength: number;
  hint?: string;
  testId?: string;
}

type Part = 'input' | 'up' | 'down' | 'remove';

/**
 * An ordered list of short texts: edit in place, add, remove, move up and down. Every action is
 * a button (or Alt+↑/↓ in an entry), focus follows the item that moved, and a polite status says
 * what changed for screen readers.
 */
export function ItemListEditor({ legend, itemLabel, items, onChange, maxItems, maxLength, hint, testId }: Props) {
  const baseId = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const nodes = useRef(new Map<string, HTMLElement>());
  const addInput = useRef<HTMLInputElement>(null);
  const pendingFocus = useRef<{ key: string; part: Part } | 'add' | null>(null);

  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    pendingFocus.current = null;
    if (target === 'add') addInput.current?.focus();
    else nodes.current.get(`${target.key}:${target.part}`)?.focus();
  });

  const ref = (key: string, part: Part) => (node: HTMLElement | null) => {
    if (node) nodes.current.set(`${key}:${part}`, node);
    else nodes.current.delete(`${key}:${part}`);
  };
  const nameOf = (item: ListItem, index: number) => (item.text.trim() ? `“${item.text.trim()}”` : `${itemLabel} ${index + 1}`);

  const move = (index: number, by: -1 | 1, from: Part) => {
    const to = index + by;
    if (to < 0 || to >= items.length) return;
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(to, 0, item!);
    // Keep focus on the same control unless it is now disabled (moved to an end).
    let part = from;
    if (part === 'up' && to === 0) part = 'down';
    if (part === 'down' && to === next.length - 1) part = 'up';
    pendingFocus.current = { key: item!.key, part };
    setAnnouncement(`Moved ${nameOf(item!, index)} to position ${to + 1} of ${next.length}.`);
    onChange(next);
  };

  const remove = (index: number) => {
    const item = items[index]!;
    const next = items.filter((_, i) => i !== index);
    const neighbour = next[index] ?? next[index - 1];
    pendingFocus.current = neighbour ? { key: neighbour.key, part: 'input' } : 'add';
    setAnnouncement(`Removed ${nameOf(item, index)}.`);
    onChange(next);
  };

  const add = () => {
    const text = draft.trim();
    if (text === '') return;
    if (items.length >= maxItems) return;
    if (items.some((i) => i.text.trim().toLocaleLowerCase() === text.toLocaleLowerCase())) {
      setProblem(`“${text}” is already in the list.`);
      return;
    }
    setProblem(null);
    setDraft('');
    const [added] = toListItems([text]);
    // The add field stays focused for the next entry, unless the list is now full (and it disabled).
    pendingFocus.current = items.length + 1 >= maxItems ? { key: added!.key, part: 'input' } : 'add';
    setAnnouncement(`Added “${text}”.`);
    onChange([...items, added!]);
  };

  const onEntryKey = (e: KeyboardEvent, index: number) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      move(index, e.key === 'ArrowUp' ? -1 : 1, 'input');
    }
  };

  const full = items.length >= maxItems;
  const hintId = `${baseId}-hint`;
  const problemId = `${baseId}-problem`;
  return (
    <fieldset className="item-list-editor" data-testid={testId}>
      <legend>{legend}</legend>
      {hint && (
        <p className="muted small" id={hintId}>
          {hint}
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted small">None yet.</p>
      ) : (
        <ol className="item-list">
          {items.map((item, i) => (
            <li key={item.key}>
              <label className="visually-hidden" htmlFor={`${baseId}-${item.key}`}>
                {`${itemLabel} ${i + 1} of ${items.length}`}
              </label>
              <input
                id={`${baseId}-${item.key}`}
                ref={ref(item.key, 'input')}
                value={item.text}
                dir="auto"
                maxLength={maxLength}
                aria-describedby={hint ? hintId : undefined}
                onChange={(e) => onChange(items.map((x) => (x.key === item.key ? { ...x, text: e.target.value } : x)))}
                onKeyDown={(e) => onEntryKey(e, i)}
              />
              <button type="button" ref={ref(item.key, 'up')} disabled={i === 0} aria-label={`Move ${nameOf(item, i)} up`} onClick={() => move(i, -1, 'up')}>
                Up
              </button>
              <button
                type="button"
                ref={ref(item.key, 'down')}
                disabled={i === items.length - 1}
                aria-label={`Move ${nameOf(item, i)} down`}
                onClick={() => move(i, 1, 'down')}
              >
                Down
              </button>
              <button type="button" className="danger-outline" ref={ref(item.key, 'remove')} aria-label={`Remove ${nameOf(item, i)}`} onClick={() => remove(i)}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="item-add">
        <label htmlFor={`${baseId}-add`}>{`Add a ${itemLabel.toLocaleLowerCase()}`}</label>
        <div className="item-add-row">
          <input
            id={`${baseId}-add`}
            ref={addInput}
            value={draft}
            dir="auto"
            maxLength={maxLength}
            disabled={full}
            aria-invalid={problem !== null}
            aria-describedby={problem ? problemId : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setProblem(null);
            }}
            onKeyDown={(e) => {
              // Enter adds the entry; it must not submit the whole form.
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" onClick={add} disabled={full || draft.trim() === ''}>
            Add
          </button>
        </div>
        {full && <p className="muted small">{`At most ${maxItems}.`}</p>}
        {problem && (
          <p className="error small" id={problemId}>
            {problem}
          </p>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}
