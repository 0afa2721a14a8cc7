import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OptionsApp } from '@/components/options/options-app';
import { DbProvider } from '@/components/ui/db-context';
import { freshDb } from '../support/db';
import { installSitePermissionsStandIn } from '../support/site-permissions-stand-in';

// Options → Sites with a stand-in for the browser's permissions and scripting APIs.

function renderOptions() {
  render(
    <DbProvider db={freshDb()}>
      <OptionsApp />
    </DbProvider>,
  );
  return userEvent.setup();
}

const state = (name: string) => screen.getByRole('switch', { name }).getAttribute('aria-describedby')!;

describe('Options → Sites', () => {
  it('has one switch per ATS, by name, all off after installing', async () => {
    installSitePermissionsStandIn({ granted: ['https://*.linkedin.com/*'] });
    renderOptions();
    for (const name of ['Greenhouse', 'Lever', 'Ashby', 'Workable']) {
      await waitFor(() => expect(screen.getByRole('switch', { name })).toBeEnabled());
      expect(screen.getByRole('switch', { name })).not.toBeChecked();
    }
  });

  it('turning Greenhouse on with a company subdomain asks for that host at that moment and registers the script there', async () => {
    const stand = installSitePermissionsStandIn();
    const user = renderOptions();
    await user.type(await screen.findByLabelText('Greenhouse subdomain (optional)'), 'acme');
    const greenhouse = screen.getByRole('switch', { name: 'Greenhouse' });
    await waitFor(() => expect(greenhouse).toBeEnabled());
    fireEvent.click(greenhouse);
    // Within the click itself, nothing awaited first: the browser prompts only during the gesture.
    expect(stand.request).toHaveBeenCalledWith({ origins: ['https://acme.greenhouse.io/*'] });
    await waitFor(() => expect(greenhouse).toBeChecked());
    expect(document.getElementById(state('Greenhouse'))).toHaveTextContent('On for acme.greenhouse.io');
    expect(stand.scripts.get('tandem-ats-greenhouse')).toMatchObject({ matches: ['https://acme.greenhouse.io/*'], persistAcrossSessions: true });
  });

  it('turning a site off unregisters its script and gives the permission back', async () => {
    const stand = installSitePermissionsStandIn({ granted: ['https://hire.lever.co/*', 'https://hire.sandbox.lever.co/*'] });
    const user = renderOptions();
    const lever = screen.getByRole('switch', { name: 'Lever' });
    await waitFor(() => expect(lever).toBeChecked());
    await user.click(lever);
    await waitFor(() => expect(lever).not.toBeChecked());
    expect(stand.origins.size).toBe(0);
    expect(stand.scripts.has('tandem-ats-lever')).toBe(false);
  });

  it('shows a site as off as soon as its permission is withdrawn in the browser', async () => {
    const stand = installSitePermissionsStandIn({ granted: ['https://*.workable.com/*'] });
    renderOptions();
    const workable = screen.getByRole('switch', { name: 'Workable' });
    await waitFor(() => expect(workable).toBeChecked());
    act(() => stand.withdraw(['https://*.workable.com/*']));
    await waitFor(() => expect(workable).not.toBeChecked());
    expect(document.getElementById(state('Workable'))).toHaveTextContent('Off');
  });

  it('says why a site stays off: a refused prompt, or an account name that is none (then nothing is asked)', async () => {
    const stand = installSitePermissionsStandIn({ answer: false });
    const user = renderOptions();
    const ashby = screen.getByRole('switch', { name: 'Ashby' });
    await waitFor(() => expect(ashby).toBeEnabled());
    await user.click(ashby);
    expect(await screen.findByRole('alert')).toHaveTextContent('did not give Tandem access');
    expect(ashby).not.toBeChecked();

    await user.type(screen.getByLabelText('Workable account (optional)'), 'acme.evil.example');
    await user.click(screen.getByRole('switch', { name: 'Workable' }));
    await waitFor(() => expect(screen.getAllByRole('alert').at(-1)).toHaveTextContent('not a Workable account name'));
    expect(stand.request).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('Workable account (optional)')).toHaveAttribute('aria-invalid', 'true');
  });
});
