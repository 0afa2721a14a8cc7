// The review link's page: one person at a time, decided from the keyboard (J, K, A, R, 1–9, N,
// Esc, U, ?), with the same data-testid hooks as the extension's review.html. Everything is
// rendered as text (no innerHTML); the data is the JSON block the server put in the page.
// The shortcut table mirrors components/review/shortcuts.ts.
const SHORTCUTS = [
  { keys: ['j'], action: 'next', description: 'Next person', hint: 'next', repeats: true },
  { keys: ['k'], action: 'previous', description: 'Previous person', hint: 'previous', repeats: true },
  { keys: ['a'], action: 'approve', description: 'Approve', hint: 'approve' },
  { keys: ['r'], action: 'reject', description: 'Reject', hint: 'reject' },
  { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], action: 'tick', description: 'Tick a scorecard item: met, missing, unset' },
  { keys: ['n'], action: 'note', description: 'Write a note', hint: 'note' },
  { keys: ['Escape'], action: 'leave', description: 'Leave the note (or close this help)' },
  { keys: ['u'], action: 'undo', description: 'Undo your last decision', hint: 'undo' },
  { keys: ['?'], action: 'help', description: 'Show or hide these shortcuts', hint: 'all shortcuts' },
];
const keyLabels = (s) => {
  const names = s.keys.map((k) => (k === 'Escape' ? 'Esc' : k.toUpperCase()));
  return names.length > 2 ? [names[0], '…', names.at(-1)] : names;
};

const data = JSON.parse(document.getElementById('review-data').textContent);
const root = document.getElementById('review-root');
const base = location.pathname.replace(/\/$/, '');
const state = { index: firstUndecided(), drafts: new Map(), made: [], busy: false, error: '', notice: '', help: false };

function firstUndecided() {
  const i = data.people.findIndex((p) => !p.decision);
  return i < 0 ? data.people.length : i;
}

/** An element with attributes and children (strings become text nodes, never markup). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children.flat(Infinity)) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

const draftOf = (key) => {
  if (!state.drafts.has(key)) state.drafts.set(key, { marks: {}, note: '' });
  return state.drafts.get(key);
};
const decidedCount = () => data.people.filter((p) => p.decision).length;

function render() {
  const focusedNote = document.activeElement?.id === 'review-note';
  const count = data.people.length;
  const person = data.people[state.index];
  const parts = [
    el('header', { class: 'review-header' },
      el('p', { class: 'muted' }, `Review for ${data.role}`),
      el('p', {}, `${data.requester} asked ${data.reviewer} to review ${count} ${count === 1 ? 'person' : 'people'}. `, el('span', { 'data-testid': 'review-due' }, data.due)),
      data.message ? el('blockquote', { class: 'review-request-message', 'data-testid': 'review-message', dir: 'auto' }, data.message) : null),
    el('nav', { class: 'review-nav', 'aria-label': 'Progress' },
      person ? el('span', { 'data-testid': 'review-progress', 'aria-live': 'polite' }, `${state.index + 1} of ${count}`) : null,
      el('span', { class: 'muted', 'data-testid': 'review-decided' }, decidedCount() === count ? `All ${count} decided` : `${decidedCount()} decided`),
      el('span', { class: 'review-notice', role: 'status' }, state.notice),
      el('button', { type: 'button', class: 'link', 'aria-keyshortcuts': '?', onclick: toggleHelp }, 'Shortcuts ', el('kbd', { 'aria-hidden': 'true' }, '?'))),
    person ? el('div', { class: 'review-main' }, personView(person), decisionPanel(person)) : summary(),
    hintLine(),
    state.help ? helpOverlay() : null,
  ];
  root.replaceChildren(...parts.filter(Boolean));
  root.removeAttribute('aria-busy');
  if (focusedNote) document.getElementById('review-note')?.focus();
}

function personView(p) {
  return el('article', { class: 'review-person', 'aria-labelledby': 'review-person-name' },
    el('h1', { id: 'review-person-name', 'data-testid': 'review-person-name', dir: 'auto' }, p.name ?? 'Someone no longer in Tandem'),
    p.headline ? el('p', { class: 'headline', dir: 'auto' }, p.headline) : null,
    p.place ? el('p', { class: 'muted', dir: 'auto' }, p.place) : null,
    el('section', { 'aria-labelledby': 'review-earlier-heading' },
      el('h2', { id: 'review-earlier-heading' }, 'Earlier decisions'),
      p.earlier.length === 0 ? el('p', { class: 'muted empty' }, 'No earlier reviews of this person.')
        : el('ol', { class: 'feed', 'data-testid': 'review-earlier-decisions' }, p.earlier.map((e) =>
          el('li', { 'data-kind': 'review_decision', class: `verdict-${e.verdict}` },
            el('span', { class: 'who', dir: 'auto' }, e.who), ` ${e.verdict === 'approve' ? 'approved' : 'rejected'}`,
            e.role ? el('span', { class: 'muted' }, ' · ', el('span', { dir: 'auto' }, e.role)) : null, ` · ${e.when}`,
            e.note ? el('p', { class: 'small', dir: 'auto' }, `“${e.note}”`) : null)))),
    el('section', { 'aria-labelledby': 'review-notes-heading' },
      el('h2', { id: 'review-notes-heading' }, 'Team notes'),
      p.notes.length === 0 ? el('p', { class: 'muted empty' }, 'No notes on this person yet.')
        : el('ul', { class: 'notes', 'data-testid': 'review-notes' }, p.notes.map((n) =>
          el('li', { class: 'note' }, el('div', { class: 'meta' }, el('span', { class: 'who', dir: 'auto' }, n.who), ` ${n.when}`), el('p', { class: 'body', dir: 'auto' }, n.body))))));
}

function decisionPanel(p) {
  const d = p.decision;
  const draft = draftOf(p.key);
  const closed = data.status !== 'open' && data.status !== 'completed';
  const unavailable = Boolean(d) || closed || state.busy;
  const musts = data.items.filter((i) => i.kind === 'must');
  const nices = data.items.filter((i) => i.kind === 'nice');
  const group = (title, items) => el('fieldset', {}, el('legend', {}, title), el('ul', {}, items.map((item) => {
    const position = data.items.indexOf(item) + 1;
    const mark = draft.marks[item.text];
    const labelId = `item-${position}`;
    const toggle = (next) => () => { draft.marks[item.text] = mark === next ? undefined : next; render(); };
    return el('li', { class: 'scorecard-item', 'data-mark': mark ?? 'unset' },
      el('span', { id: labelId, class: 'item-text' }, position <= 9 ? el('kbd', { class: 'item-key', 'aria-hidden': 'true' }, String(position)) : null, el('span', { dir: 'auto' }, item.text)),
      el('span', { role: 'group', 'aria-labelledby': labelId, class: 'mark-buttons' },
        el('button', { type: 'button', class: 'mark met', 'aria-pressed': String(mark === 'met'), onclick: toggle('met') }, 'Met'),
        el('button', { type: 'button', class: 'mark missing', 'aria-pressed': String(mark === 'missing'), onclick: toggle('missing') }, 'Missing')));
  })));
  return el('section', { class: 'decision-panel', 'aria-labelledby': 'review-decision-heading' },
    el('h2', { id: 'review-decision-heading' }, 'Your decision'),
    d ? el('div', { class: `decision-summary verdict-${d.verdict}`, 'data-testid': 'review-decision', 'data-verdict': d.verdict },
      el('p', {}, el('strong', {}, d.verdict === 'approve' ? 'Approved' : 'Rejected'), ` ${d.when}`),
      d.met.length ? el('p', { class: 'small' }, `Meets: ${d.met.join(', ')}`) : null,
      d.missing.length ? el('p', { class: 'small' }, `Missing: ${d.missing.join(', ')}`) : null,
      d.note ? el('p', { class: 'small decision-note', dir: 'auto' }, `“${d.note}”`) : null,
      closed ? null : el('button', { type: 'button', class: 'link', onclick: () => void undo(p, d) }, 'Undo this decision'))
      : [
        data.items.length === 0 ? el('p', { class: 'muted empty' }, 'This role has no scorecard yet.')
          : el('div', { class: 'scorecard', 'data-testid': 'review-scorecard' }, musts.length ? group('Must-haves', musts) : null, nices.length ? group('Nice-to-haves', nices) : null),
        el('label', { for: 'review-note' }, 'Note ', el('span', { class: 'muted' }, '(optional)')),
        (() => {
          const area = el('textarea', { id: 'review-note', 'data-testid': 'review-note', rows: 3, dir: 'auto', placeholder: 'Why, for the recruiter and the team', oninput: (e) => { draft.note = e.target.value; } });
          area.value = draft.note;
          return area;
        })(),
      ],
    el('div', { class: 'verdict-buttons' },
      el('button', { type: 'button', class: 'approve', 'data-testid': 'review-approve', 'aria-disabled': String(unavailable), 'aria-keyshortcuts': 'A', onclick: () => void decide('approve') }, 'Approve ', el('kbd', { 'aria-hidden': 'true' }, 'A')),
      el('button', { type: 'button', class: 'reject', 'data-testid': 'review-reject', 'aria-disabled': String(unavailable), 'aria-keyshortcuts': 'R', onclick: () => void decide('reject') }, 'Reject ', el('kbd', { 'aria-hidden': 'true' }, 'R'))),
    state.error ? el('p', { class: 'error', role: 'alert' }, state.error) : null);
}

function summary() {
  const approved = data.people.filter((p) => p.decision?.verdict === 'approve').length;
  return el('section', { class: 'review-summary', 'aria-labelledby': 'review-complete-heading' },
    el('h1', { id: 'review-complete-heading', 'data-testid': 'review-complete' }, 'Review complete'),
    el('p', { class: 'review-tally', 'data-testid': 'review-result' }, `${approved} approved, ${data.people.length - approved} rejected. The recruiter sees your decisions now.`),
    el('ol', { class: 'review-results', 'data-testid': 'review-results' }, data.people.map((p, i) =>
      el('li', { class: `verdict-${p.decision?.verdict ?? 'none'}` }, el('button', { type: 'button', class: 'link', onclick: () => goTo(i) }, p.name ?? 'Someone no longer in Tandem'), ` — ${p.decision ? (p.decision.verdict === 'approve' ? 'approved' : 'rejected') : 'no decision'}`))),
    state.error ? el('p', { class: 'error', role: 'alert' }, state.error) : null);
}

function hintLine() {
  const shown = SHORTCUTS.filter((s) => s.hint);
  return el('p', { class: 'muted small review-hint', 'data-testid': 'review-hint' }, shown.map((s, i) => [i > 0 ? ' · ' : '', keyLabels(s).map((k) => (k === '…' ? ' … ' : el('kbd', {}, k))), ` ${s.hint}`]));
}

function helpOverlay() {
  const close = el('button', { type: 'button', onclick: toggleHelp }, 'Close');
  const dialog = el('div', { class: 'review-help', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'review-help-heading', 'data-testid': 'review-help', tabindex: '-1' },
    el('h2', { id: 'review-help-heading' }, 'Keyboard shortcuts'),
    el('dl', {}, SHORTCUTS.map((s) => el('div', { class: 'shortcut' }, el('dt', {}, keyLabels(s).map((k) => (k === '…' ? ' … ' : el('kbd', {}, k)))), el('dd', {}, s.description)))),
    el('p', { class: 'muted small' }, 'Shortcuts pause while you type a note.'),
    close);
  queueMicrotask(() => dialog.focus());
  return el('div', { class: 'review-help-backdrop', onclick: (e) => { if (e.target === e.currentTarget) toggleHelp(); } }, dialog);
}

function toggleHelp() {
  state.help = !state.help;
  render();
}

function goTo(i) {
  state.index = Math.max(0, Math.min(i, data.people.length));
  state.notice = '';
  state.error = '';
  render();
  window.scrollTo({ top: 0 });
}

function move(by) {
  const count = data.people.length;
  if (by === 1) {
    if (state.index < count - 1) goTo(state.index + 1);
    else if (state.index === count - 1 && decidedCount() === count) goTo(count);
    else if (state.index === count - 1) { state.notice = 'That was the last person. Some still need a decision.'; render(); }
  } else if (state.index > 0) goTo(state.index - 1);
}

async function post(path, body) {
  const res = await fetch(`${base}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'omit' });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(answer.error ?? `the server answered ${res.status}`);
  return answer;
}

async function run(work) {
  if (state.busy) return;
  state.busy = true;
  state.error = '';
  try {
    await work();
  } catch (e) {
    state.error = e instanceof Error ? e.message : String(e);
  } finally {
    state.busy = false;
    render();
  }
}

function decide(verdict) {
  const p = data.people[state.index];
  if (!p || p.decision) {
    if (p) { state.notice = 'Already decided: undo the decision to change it.'; render(); }
    return;
  }
  return run(async () => {
    const draft = draftOf(p.key);
    const ticked = (m) => data.items.filter((i) => draft.marks[i.text] === m).map((i) => i.text);
    const { decision } = await post('decide', { prospectId: p.key, verdict, met: ticked('met'), missing: ticked('missing'), note: draft.note });
    p.decision = decision;
    state.made.push({ key: p.key, draft: { marks: { ...draft.marks }, note: draft.note } });
    state.drafts.delete(p.key);
    // The next person without a decision, after this one and round to the start.
    const from = data.people.indexOf(p);
    let next = data.people.length;
    for (let step = 1; step < data.people.length; step++) {
      const i = (from + step) % data.people.length;
      if (!data.people[i].decision) { next = i; break; }
    }
    state.index = next;
    state.notice = '';
  });
}

function undo(p, d, restore) {
  return run(async () => {
    await post('undo', { decisionId: d.id });
    p.decision = null;
    state.made = state.made.filter((m) => m.key !== p.key);
    const marks = Object.fromEntries([...d.met.map((t) => [t, 'met']), ...d.missing.map((t) => [t, 'missing'])]);
    state.drafts.set(p.key, restore ?? { marks, note: d.note });
    state.index = data.people.indexOf(p);
    state.notice = 'Decision undone.';
  });
}

function undoLast() {
  const made = state.made.at(-1);
  const p = made && data.people.find((x) => x.key === made.key);
  if (!p?.decision) { state.notice = 'Nothing to undo: U takes back decisions made on this page.'; render(); return; }
  void undo(p, p.decision, made.draft);
}

function tick(n) {
  const p = data.people[state.index];
  const item = data.items[n - 1];
  if (!p || p.decision || !item) return;
  const draft = draftOf(p.key);
  const now = draft.marks[item.text];
  draft.marks[item.text] = now === undefined ? 'met' : now === 'met' ? 'missing' : undefined;
  render();
}

function focusNote() {
  const note = document.getElementById('review-note');
  if (note) note.focus();
  else { state.notice = 'Already decided: undo the decision to change it.'; render(); }
}

const handlers = { next: () => move(1), previous: () => move(-1), approve: () => void decide('approve'), reject: () => void decide('reject'), tick: (k) => tick(Number(k)), note: focusNote, leave: () => undefined, undo: undoLast, help: toggleHelp };

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const shortcut = SHORTCUTS.find((s) => s.keys.includes(k));
  if (!shortcut) return;
  const typing = e.target instanceof Element && e.target.closest('input, textarea, select, [contenteditable]') !== null;
  if (shortcut.action === 'leave') {
    if (state.help) toggleHelp();
    else if (typing) e.target.blur();
    else return;
    e.preventDefault();
    return;
  }
  if (typing) return;
  if (state.help && shortcut.action !== 'help') return;
  if (e.repeat && !shortcut.repeats) return;
  handlers[shortcut.action](e.key);
  e.preventDefault();
});

render();
