import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageReport } from '@/lib/messaging';
import { PAGE_REPORTS_PORT, pageReporter } from '@/lib/page/page-reports';

const sentOnce: unknown[] = [];
vi.mock('@/lib/messaging', () => ({
  sendMessage: (_type: string, data: unknown) => {
    sentOnce.push(data);
    return Promise.resolve();
  },
}));

/** A port as runtime.connect gives it (the fake browser has none): what was posted, and its disconnect. */
function fakePort(name: string) {
  const posted: unknown[] = [];
  const onDisconnect: (() => void)[] = [];
  return { name, posted, disconnect: () => onDisconnect.forEach((fn) => fn()), postMessage: (m: unknown) => void posted.push(m), onDisconnect: { addListener: (fn: () => void) => onDisconnect.push(fn) } };
}

const report = (status: PageReport['status']): PageReport => ({ url: 'https://www.linkedin.com/in/ada/', status, identity: null });
let ports: ReturnType<typeof fakePort>[];

beforeEach(() => {
  sentOnce.length = 0;
  ports = [];
  Object.assign(fakeBrowser.runtime, {
    connect: ({ name }: { name: string }) => {
      const port = fakePort(name);
      ports.push(port);
      return port;
    },
  });
});

describe('page reports', () => {
  it('go to the worker in order on one port, and on a new one once the worker let the last go', () => {
    const send = pageReporter();
    send(report('pending'));
    send(report('identified'));
    expect(ports).toHaveLength(1);
    expect(ports[0]!.name).toBe(PAGE_REPORTS_PORT);
    expect(ports[0]!.posted).toEqual([report('pending'), report('identified')]);
    ports[0]!.disconnect();
    send(report('not_profile'));
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([report('not_profile')]);
    expect(sentOnce).toEqual([]);
  });

  it('fall back to a one-off message when no port can be opened (the extension was reloaded)', () => {
    Object.assign(fakeBrowser.runtime, {
      connect: () => {
        throw new Error('Extension context invalidated.');
      },
    });
    const send = pageReporter();
    send(report('pending'));
    expect(sentOnce).toEqual([report('pending')]);
  });
});
