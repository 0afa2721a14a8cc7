export { companyKey, companyMailDomain, nameKey, nameTokens, normalizeEmail } from './normalize';
export { MAX_SUGGESTIONS, lookupsFor, matchIdentity, type Lookups, type MatchReason, type MatchResult, type PersonRecord, type Suggestion } from './match';
export { PeopleIndex } from './people-index';
