import { afterEach, describe, expect, it } from 'vitest';
import { createPageMargin } from '@/lib/page/page-margin';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const root = document.documentElement;

function fakeCtx() {
  const invalidated: (() => void)[] = [];
  return {
    onInvalidated: (cb: () => void) => {
      invalidated.push(cb);
      return () => undefined;
    },
    setTimeout: () => 0,
    invalidate: () => invalidated.forEach((cb) => cb()),
  };
}

afterEach(() => root.removeAttribute('style'));

describe('pushing the page aside', () => {
  it('reserves the room on the root, puts it back when the page rewrites the root’s style, and gives it back', async () => {
    const ctx = fakeCtx();
    const margin = createPageMargin(ctx);
    margin.set(300);
    expect(root.style.getPropertyValue('margin-right')).toBe('300px');
    expect(root.style.getPropertyPriority('margin-right')).toBe('important');

    root.setAttribute('style', 'overflow: hidden');
    await settle();
    expect(root.style.getPropertyValue('margin-right')).toBe('300px');
    expect(root.style.getPropertyValue('overflow')).toBe('hidden');

    margin.set(0);
    expect(root.style.getPropertyValue('margin-right')).toBe('');
    expect(root.style.getPropertyValue('overflow')).toBe('hidden');
    ctx.invalidate();
  });

  it('gives the page its own margin back, also when the script goes', async () => {
    const ctx = fakeCtx();
    root.style.setProperty('margin-right', '12px');
    const margin = createPageMargin(ctx);
    margin.set(0);
    expect(root.style.getPropertyValue('margin-right')).toBe('12px');
    margin.set(380);
    expect(root.style.getPropertyValue('margin-right')).toBe('380px');
    ctx.invalidate();
    await settle();
    expect(root.style.getPropertyValue('margin-right')).toBe('12px');
  });
});
