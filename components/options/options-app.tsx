import { DataTransfer } from './data-transfer';
import { PrivacyForm } from './privacy-form';
import { ProfileForm } from './profile-form';
import { SettingsForm } from './settings-form';
import { SiteSwitches } from './site-switches';
import { TeamSignIn } from './team-sign-in';

export function OptionsApp({ onSignedIn }: { onSignedIn?: () => void }) {
  return (
    <main className="page">
      <h1>Tandem options</h1>
      <TeamSignIn onSignedIn={onSignedIn} />
      <ProfileForm />
      <SettingsForm />
      <PrivacyForm />
      <SiteSwitches />
      <DataTransfer />
      <p className="muted small">Shortcut: Alt+Shift+T moves into the sidebar, showing it, and pressed again back to the page (change it at chrome://extensions/shortcuts).</p>
    </main>
  );
}
