import { afterEach, describe, expect, it } from 'vitest';
import { changesOf, guardElements, restore, snapshot } from '@/lib/page/frame-guard';

/** Lets the MutationObserver deliver what happened in this task. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function fakeCtx() {
  const invalidated: (() => void)[] = [];
  const timers: (() => void)[] = [];
  return {
    onInvalidated: (cb: () => void) => {
      invalidated.push(cb);
      return () => undefined;
    },
    setTimeout: (cb: () => void) => timers.push(cb),
    invalidate: () => invalidated.forEach((cb) => cb()),
    runTimers: () => timers.splice(0).forEach((cb) => cb()),
  };
}

/** Stands in for the iframe: the guard is the same for any element, and happy-dom does not load frames. */
function mountFrame() {
  const frame = document.createElement('tandem-frame');
  frame.setAttribute('data-tandem-sidebar', '');
  frame.setAttribute('src', 'chrome-extension://abc/sidebar.html');
  frame.style.setProperty('position', 'fixed', 'important');
  frame.style.setProperty('display', 'block', 'important');
  document.documentElement.append(frame);
  return frame;
}

afterEach(() => document.querySelectorAll('tandem-frame').forEach((f) => f.remove()));

describe('restoring a mounted element', () => {
  it('finds nothing to do on an untouched element', () => {
    const frame = mountFrame();
    expect(changesOf(snapshot(frame, document.documentElement))).toEqual([]);
  });

  it('puts back a changed, added or removed attribute and the element’s place', () => {
    const frame = mountFrame();
    const mounted = snapshot(frame, document.documentElement);
    const style = frame.getAttribute('style');
    frame.setAttribute('src', 'https://evil.example/');
    frame.style.display = 'none';
    frame.setAttribute('hidden', '');
    frame.removeAttribute('data-tandem-sidebar');
    document.body.append(frame);
    expect(restore(mounted).sort()).toEqual(['attribute:data-tandem-sidebar', 'attribute:hidden', 'attribute:src', 'attribute:style', 'place']);
    expect(frame.getAttribute('src')).toBe('chrome-extension://abc/sidebar.html');
    expect(frame.getAttribute('style')).toBe(style);
    expect(frame.hasAttribute('hidden')).toBe(false);
    expect(frame.hasAttribute('data-tandem-sidebar')).toBe(true);
    expect(frame.parentNode).toBe(document.documentElement);
    expect(changesOf(mounted)).toEqual([]);
  });
});

describe('guarding mounted elements', () => {
  it('puts the frame back whenever the page changes it, and stops when invalidated', async () => {
    const ctx = fakeCtx();
    const frame = mountFrame();
    const restored: string[][] = [];
    guardElements(ctx, document.documentElement, [frame], (_e, changes) => restored.push(changes));

    frame.setAttribute('src', 'https://evil.example/');
    await settle();
    expect(frame.getAttribute('src')).toBe('chrome-extension://abc/sidebar.html');

    frame.style.opacity = '0';
    await settle();
    expect(frame.style.opacity).toBe('');

    frame.remove();
    await settle();
    expect(frame.parentNode).toBe(document.documentElement);
    expect(restored).toEqual([['attribute:src'], ['attribute:style'], ['place']]);

    ctx.invalidate();
    frame.setAttribute('hidden', '');
    await settle();
    expect(frame.hasAttribute('hidden')).toBe(true);
  });

  it('takes the owner’s own changes, and none the page slipped in before them', async () => {
    const ctx = fakeCtx();
    const frame = mountFrame();
    const guard = guardElements(ctx, document.documentElement, [frame]);
    frame.setAttribute('class', 'page-hides-this');
    guard.update(() => frame.style.setProperty('display', 'none', 'important'));
    await settle();
    expect(frame.style.getPropertyValue('display')).toBe('none');
    expect(frame.hasAttribute('class')).toBe(false);
  });

  it('keeps an element mounted first (the skip link) first, and one mounted last where the page leaves it', async () => {
    const ctx = fakeCtx();
    const skip = document.createElement('tandem-skip');
    document.documentElement.prepend(skip);
    const frame = mountFrame();
    guardElements(ctx, document.documentElement, [frame, skip]);
    document.documentElement.prepend(document.createElement('page-banner'));
    document.documentElement.append(document.createElement('page-footer'));
    await settle();
    expect(document.documentElement.firstElementChild).toBe(skip);
    expect(document.documentElement.lastElementChild?.tagName).toBe('PAGE-FOOTER');
    expect(frame.parentNode).toBe(document.documentElement);
    ctx.invalidate();
    document.querySelectorAll('tandem-skip, page-banner, page-footer').forEach((e) => e.remove());
  });

  it('does not fight a page that changes the frame back in a loop: it waits and tries again', async () => {
    const ctx = fakeCtx();
    const frame = mountFrame();
    let restores = 0;
    guardElements(ctx, document.documentElement, [frame], () => restores++);
    const hostile = new MutationObserver(() => frame.getAttribute('hidden') === null && frame.setAttribute('hidden', ''));
    hostile.observe(frame, { attributes: true });
    frame.setAttribute('hidden', '');
    for (let i = 0; i < 10; i++) await settle();
    expect(restores).toBe(30);
    expect(frame.hasAttribute('hidden')).toBe(true);
    hostile.disconnect();
    ctx.runTimers();
    expect(frame.hasAttribute('hidden')).toBe(false);
  });
});
