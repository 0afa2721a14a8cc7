import { useEffect } from 'react';
import { IDENTITY_SHOWN_MARK } from '@/components/sidebar/marks';
import { Parts } from '@/components/ui/user-text';
import { joined } from '@/lib/text-parts';
import type { ProspectIdentity } from '@/lib/model';

/** Who is on the page, straight from the page: it paints before any stored data loads. */
export function ProspectHeader({ identity }: { identity: ProspectIdentity }) {
  const place = [identity.company, identity.location].filter((p): p is string => Boolean(p));
  useEffect(() => {
    performance.mark(IDENTITY_SHOWN_MARK, { detail: identity.key });
  }, [identity.key]);
  return (
    <header className="prospect-header">
      <h1 data-testid="prospect-name" dir="auto">
        {identity.name}
      </h1>
      {identity.headline && (
        <p data-testid="prospect-headline" className="headline" dir="auto">
          {identity.headline}
        </p>
      )}
      {place.length > 0 && (
        <p className="muted">
          <Parts parts={joined(place, ' · ')} />
        </p>
      )}
    </header>
  );
}
