import { useEffect, useId, useRef, useState } from 'react';
import { isolate } from '@/components/ui/user-text';

interface Props {
  name: string;
  stage: string;
  stages: readonly string[];
  onMove: (stage: string) => void;
}

/**
 * The plain alternative to dragging: "Move to…" opens the other stages as a menu (arrow keys,
 * Home/End, Enter; Esc closes it and gives the focus back to the button).
 */
export function MoveMenu({ name, stage, stages, onMove }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();
  const targets = stages.filter((s) => s !== stage);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    const keys: Record<string, () => void> = { ArrowDown: () => go(at + 1), ArrowUp: () => go(at - 1), Home: () => go(0), End: () => go(items.length - 1), Escape: close, Tab: close };
    const action = keys[event.key];
    if (!action) return;
    // Tab leaves the menu as it would anyway; the others stay inside it.
    if (event.key !== 'Tab') event.preventDefault();
    event.stopPropagation();
    action();
  };

  if (targets.length === 0) return null;
  return (
    <div className="board-move">
      <button type="button" ref={button} className="board-move-button" aria-haspopup="menu" aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen(!open)}>
        Move to…
        <span className="visually-hidden">{` (${isolate(name)})`}</span>
      </button>
      {open && (
        <ul id={id} ref={menu} role="menu" aria-label={`Move ${name} to`} className="board-move-menu" onKeyDown={onKeyDown}>
          {targets.map((target) => (
            <li key={target} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close();
                  onMove(target);
                }}
              >
                <span dir="auto">{target}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
