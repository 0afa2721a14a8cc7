import { ulid } from 'ulidx';
import { expect } from 'vitest';
import type { TandemDB } from '@/lib/db/database';
import { activityLog, followUpSet, noteAdd, prospectSetDoNotContact, prospectUpsert, requisitionSave, reviewDecide, reviewRequest } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { arrived, identity, member, signInAs } from './db';

/** Hebrew, Arabic and the Arabic presentation forms: text that reads right to left. */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LATIN = /[A-Za-z]/;

/** Text between a first-strong isolate and its pop (U+2068 … U+2069): plain text's `dir="auto"`. */
const ISOLATED = /\u2068[^\u2069]*\u2069/g;

/**
 * Every piece of right-to-left text on screen is a piece of user or page text on its own, in an
 * element with `dir="auto"` (or, where only plain text can go, as in an `<option>`, between
 * U+2068 and U+2069): the browser then lays it out right to left, and the words around it
 * ("Rejected by … — missing: …") keep their own order. Lists what breaks the rule.
 */
export function rtlTextWithoutDirAuto(root: HTMLElement): string[] {
  const bad: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(ISOLATED, '');
    if (!RTL.test(text)) continue;
    const parent = node.parentElement;
    if (parent?.getAttribute('dir') !== 'auto') bad.push(`not in dir="auto": <${parent?.tagName.toLowerCase()}> “${text.slice(0, 60)}”`);
    else if (LATIN.test(text)) bad.push(`mixed with interface words: <${parent.tagName.toLowerCase()}> “${text.slice(0, 60)}”`);
  }
  return bad;
}

export function expectRtlIsolated(root: HTMLElement = document.body) {
  expect(rtlTextWithoutDirAuto(root)).toEqual([]);
}

/**
 * A team whose every piece of typed text is Arabic or Hebrew: members, a requisition (title,
 * scorecard, stages), a person (name, headline, company, place), notes, a do-not-contact reason,
 * outreach, a reply, a review with a message, a rejection with missing items and a note, a
 * second open review, a pipeline stage and a follow-up. The device is the recruiter's.
 */
export async function seedRtlTeam(db: TandemDB) {
  const recruiter = member('recruiter', 'ريم الحسن');
  const hm = member('hiring_manager', 'חנה לוי');
  const hm2 = member('hiring_manager', 'عمر خالد');
  for (const m of [hm2, hm, recruiter]) await signInAs(db, m);
  const { result: requisitionId } = await mutate(
    db,
    requisitionSave,
    { title: 'מהנדסת פלטפורמה', hiringManagerId: hm.me.memberId, recruiterIds: [recruiter.me.memberId], mustHaves: ['خبرة في قواعد البيانات', 'لغة غو'], niceToHaves: ['קוברנטיס'], stages: ['مقابلة أولى', 'مقابلة نهائية'] },
    recruiter,
  );
  const person = identity('layla', { name: 'ليلى أحمد', headline: 'مهندسة برمجيات أولى', company: 'شركة المحركات', location: 'القاهرة' });
  const { result: prospectId } = await mutate(db, prospectUpsert, { identity: person }, recruiter);
  const other = identity('noa', { name: 'נועה כהן', headline: 'מפתחת' });
  const { result: otherId } = await mutate(db, prospectUpsert, { identity: other }, recruiter);
  const at = Date.now() - 3 * 86_400_000;
  await mutate(db, noteAdd, { prospectId: prospectId!, body: 'قابلتها في مؤتمر. مهتمة بالعمل عن بعد.', at }, recruiter);
  await mutate(db, noteAdd, { prospectId: prospectId!, body: 'שיחה טובה מאוד', at: at + 1 }, hm);
  await mutate(db, activityLog, { prospectId: prospectId!, kind: 'outreach', data: { channel: 'inmail' }, at }, recruiter);
  await mutate(db, activityLog, { prospectId: prospectId!, kind: 'reply', data: { interest: 'not_interested' }, at: at + 2 }, recruiter);
  const { result: decided } = await mutate(
    db,
    reviewRequest,
    { requisitionId: requisitionId!, reviewerId: hm.me.memberId, prospectIds: [prospectId!, otherId!], activityIds: [ulid(), ulid()], message: 'أرجو المراجعة قبل الخميس', at: at + 3 },
    recruiter,
  );
  await mutate(db, reviewDecide, { requestId: decided!, prospectId: prospectId!, verdict: 'reject', missing: ['لغة غو'], note: 'ينقصها العمل على قواعد البيانات', at: at + 4 }, hm);
  await mutate(db, reviewRequest, { requisitionId: requisitionId!, reviewerId: hm2.me.memberId, prospectIds: [prospectId!], activityIds: [ulid()], message: 'رأي ثان من فضلك', at: at + 5 }, recruiter);
  await mutate(db, prospectSetDoNotContact, { prospectId: prospectId!, reason: 'طلبت عدم التواصل', at: at + 6 }, recruiter);
  await arrived(db, 'pipeline', { id: ulid(), teamId: 'local', version: 1, deletedAt: null, prospectId: prospectId!, requisitionId: requisitionId!, stage: 'مقابلة أولى', status: 'active', reason: null, declinedOffer: null, updatedAt: at });
  await mutate(db, followUpSet, { prospectId: prospectId!, dueAt: Date.now() - 1000, note: 'اتصل بها مجددا' }, hm);
  return { recruiter, hm, hm2, requisitionId: requisitionId!, prospectId: prospectId!, otherId: otherId!, person, other, decidedRequestId: decided! };
}
