import { useSidebarLayout } from './use-sidebar-layout';

/** Switches between the standard and the narrow width (also in Options, with "push the page"). */
export function WidthButton() {
  const [layout, update] = useSidebarLayout();
  const narrow = layout.width === 'narrow';
  const label = narrow ? 'Wider sidebar' : 'Narrower sidebar';
  return (
    <button type="button" className="icon" aria-label={label} title={label} onClick={() => update({ width: narrow ? 'standard' : 'narrow' })}>
      {narrow ? '⇤' : '⇥'}
    </button>
  );
}
