import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { ErrorMessage } from '@/components/ui/error-message';
import { type AtsGrants, readAtsGrants, turnAtsSiteOff, turnAtsSiteOn } from '@/lib/sites/ats-scripts';
import { SITE_NAMES } from '@/lib/sites/site-names';
import { ATS_SITES, type AtsSite, NARROWING } from '@/lib/sites/site-permissions';

/** `https://acme.greenhouse.io/*` → `acme.greenhouse.io`, for people. */
const hostOf = (pattern: string) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');

/**
 * Options → Sites: one switch per ATS. Turning one on asks the browser for that site's pages
 * at that moment (only one subdomain when the member enters it) and registers the sidebar's
 * script there; turning it off gives both back. What the browser has granted is what is shown,
 * so a permission withdrawn in the browser's own settings shows as off at once.
 */
export function SiteSwitches() {
  const [grants, setGrants] = useState<AtsGrants | null>(null);
  const [entered, setEntered] = useState<Partial<Record<AtsSite, string>>>({});
  const [errors, setErrors] = useState<Partial<Record<AtsSite, string>>>({});
  const [busy, setBusy] = useState<AtsSite | null>(null);

  const refresh = useCallback(() => {
    readAtsGrants().then(setGrants, () => setGrants(null));
  }, []);

  useEffect(() => {
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, [refresh]);

  const toggle = (site: AtsSite, on: boolean) => {
    // Called straight from the click, before anything is awaited: the browser shows its
    // permission prompt only within the member's gesture.
    const change = on ? turnAtsSiteOn(site, entered[site]) : turnAtsSiteOff(site).then(() => null);
    setBusy(site);
    setErrors((e) => ({ ...e, [site]: undefined }));
    change
      .then(
        (error) => setErrors((e) => ({ ...e, [site]: error ?? undefined })),
        (error: unknown) => setErrors((e) => ({ ...e, [site]: `Could not change ${SITE_NAMES[site]}: ${error instanceof Error ? error.message : String(error)}` })),
      )
      .finally(() => {
        setBusy(null);
        refresh();
      });
  };

  return (
    <fieldset>
      <legend>Sites</legend>
      <p className="muted small">
        LinkedIn and LinkedIn Recruiter need nothing more. Turn on the applicant tracking systems your team uses: the browser asks you to let Tandem read their pages, and
        Tandem reads them only then.
      </p>
      {ATS_SITES.map((site) => {
        const hosts = grants?.[site] ?? [];
        const on = hosts.length > 0;
        const narrowing = NARROWING[site];
        const inputId = `site-${site}-host`;
        return (
          <div key={site} className="field" data-testid={`site-${site}`}>
            <div className="checkbox">
              <label>
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  disabled={grants === null || busy !== null}
                  aria-describedby={`site-${site}-state`}
                  onChange={(e) => toggle(site, e.target.checked)}
                />
                {SITE_NAMES[site]}
              </label>
            </div>
            <p id={`site-${site}-state`} className="muted small">
              {on ? `On for ${hosts.map(hostOf).join(', ')}` : 'Off'}
            </p>
            {narrowing && !on && (
              <div className="field">
                <label htmlFor={inputId}>{narrowing.label}</label>
                <input
                  id={inputId}
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  value={entered[site] ?? ''}
                  onChange={(e) => setEntered((all) => ({ ...all, [site]: e.target.value }))}
                  aria-describedby={`${inputId}-hint`}
                  aria-invalid={errors[site] ? true : undefined}
                />
                <p id={`${inputId}-hint`} className="muted small">
                  {narrowing.hint}
                </p>
              </div>
            )}
            <ErrorMessage error={errors[site] ?? null} />
          </div>
        );
      })}
    </fieldset>
  );
}
