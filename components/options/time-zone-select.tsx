export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every zone the browser knows, plus UTC (which `supportedValuesOf` leaves out) and the chosen one. */
function timeZoneChoices(chosen: string | null): string[] {
  const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  if (chosen) zones.add(chosen);
  return [...zones].sort();
}

/** A time zone, or none (null): follow whatever zone the device is in, for a member who travels. */
export function TimeZoneSelect({ id, value, onChange }: { id: string; value: string | null; onChange: (zone: string | null) => void }) {
  return (
    <select id={id} data-testid={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">This device’s time zone ({deviceTimeZone()})</option>
      {timeZoneChoices(value).map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
