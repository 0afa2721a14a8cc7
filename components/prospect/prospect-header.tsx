import { useEffect } from 'react';
import { IDENTITY_SHOWN_MARK } from '@/components/sidebar/marks';
import type { ProspectIdentity } from '@/lib/model';

/** Who is on the page, straight from the page: it paints before any stored data loads. */
export function ProspectHeader({ identity, known }: { identity: ProspectIdentity; known: boolean | undefined }) {
  const place = [identity.company, identity.location].filter(Boolean).join(' · ');
  useEffect(() => {
    performance.mark(IDENTITY_SHOWN_MARK, { detail: identity.key });
  }, [identity.key]);
  return (
    <header className="prospect-header">
      <h1 data-testid="prospect-name">{identity.name}</h1>
      {identity.headline && <p data-testid="prospect-headline" className="headline">{identity.headline}</p>}
      {place && <p className="muted">{place}</p>}
      {known === false && <p className="badge">New to your team</p>}
    </header>
  );
}
