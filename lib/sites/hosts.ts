/** Match patterns of the sites Tandem reads. The manifest's host permissions are exactly these. */
export const LINKEDIN_PATTERNS = ['https://*.linkedin.com/*'];

export const SUPPORTED_HOST_PATTERNS = [...LINKEDIN_PATTERNS];
