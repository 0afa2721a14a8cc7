/**
 * Every selector the Workable adapter uses, in one place (CONVENTIONS.md items 2–3), with its
 * source and date (../shared/fixtures/ats/EVIDENCE.md). The fixtures in
 * tests/fixtures/ats/workable are hand-made from this evidence.
 */

/**
 * The candidate's name: `[data-ui="candidate-name"]`, inside a link to the candidate's URL
 * (`/backend/jobs/<job>/browser/<stage>/candidate/<id>`). Seen in public scripts that collect a
 * job's candidates with `closest('a').href` (2024). `data-ui` hooks are Workable's own test and
 * tracking attributes, not styling. The job's browser view lists every candidate this way beside
 * the open one, so a name counts only when its link names the URL's candidate.
 */
export const NAME = '[data-ui="candidate-name"]';

/**
 * The scrolling list of the job's candidates (`[data-ui="results-container"]`, same scripts,
 * 2024): contacts found inside it belong to the people listed, not to the open candidate.
 */
export const RESULTS = '[data-ui="results-container"]';
