/**
 * The sidebar frame boots from two scripts: a small classic one (entrypoints/sidebar-boot.ts)
 * that paints the person as soon as the frame's document arrives, and the app's modules, which
 * load beside it and take over. The boot hands the app what they share through the frame's own
 * window (an extension page: the host page cannot reach it). It has to be one object, not a
 * module both import: the two are separate bundles, and the keyboard's waiting request lives in
 * the boot's copy of focus-request.ts.
 */
export interface SidebarBoot {
  /** The frame's tab, once the first paint is on screen (null: the frame could not tell). */
  painted: Promise<number | null>;
  /** Gives the frame over to the app (first-paint.ts), with the boot's focus state. */
  removeFirstPaint: () => void;
}

const KEY = 'tandemSidebarBoot';

type WithBoot = Window & { [KEY]?: SidebarBoot };

export function handOver(view: Window, boot: SidebarBoot): void {
  (view as WithBoot)[KEY] = boot;
}

export function takeOver(view: Window): SidebarBoot {
  const boot = (view as WithBoot)[KEY];
  // The classic boot script runs before any module of the document, so this is a broken build.
  if (!boot) throw new Error('The sidebar’s boot script did not run: sidebar.html must load /sidebar-boot.js before its modules.');
  return boot;
}
