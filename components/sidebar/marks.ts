/** Performance marks the sidebar sets so bench/ can measure it in real Chromium. */
export const IDENTITY_SHOWN_MARK = 'tandem:identity-shown';
