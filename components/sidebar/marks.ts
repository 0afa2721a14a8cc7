/** Performance marks the sidebar sets so bench/ can measure it in real Chromium. */
export const IDENTITY_SHOWN_MARK = 'tandem:identity-shown';
/** The frame's boot module has been evaluated (bench/sidebar-trace.ts times each hop). */
export const BOOT_MARK = 'tandem:boot';
/** The frame knows which tab it is in. */
export const TAB_KNOWN_MARK = 'tandem:tab-known';
/** The frame has read its tab's stored state. */
export const STATE_READ_MARK = 'tandem:state-read';
