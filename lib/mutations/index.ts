import { activityLog, activityUndo } from './activity';
import { backupRestore } from './backup-restore';
import { prospectErase, suppressionLift } from './erasure';
import type { Mutation } from './define';
import { memberUpdate } from './member';
import { noteAdd, noteDelete, noteEdit, noteRestore } from './note';
import { pipelineMove } from './pipeline';
import { followUpDone, followUpSet, followUpSnooze } from './follow-up';
import { prospectSetDoNotContact, prospectUpsert } from './prospect';
import { requisitionSave } from './requisition';
import { savedSearchDelete, savedSearchSave } from './saved-search';
import { teamPrivacySet } from './privacy-settings';
import { prospectAttachProfile, prospectMerge } from './same-person';
import { reviewCancel, reviewDecide, reviewNudge, reviewReassign, reviewRequest, reviewUndo } from './review';

export { activityLog, activityUndo, noteAdd, noteDelete, noteEdit, noteRestore, prospectSetDoNotContact, prospectUpsert };
export { requisitionSave, reviewRequest, reviewDecide, reviewUndo, reviewNudge, reviewReassign, reviewCancel };
export { followUpSet, followUpDone, followUpSnooze, memberUpdate, pipelineMove, prospectAttachProfile, prospectMerge };
export { backupRestore, savedSearchSave, savedSearchDelete, teamPrivacySet, prospectErase, suppressionLift };
export { erasePerson, idsOfPerson, namesMatch } from './erasure';
export { whyNotRestorable } from './backup-restore';
export { resolveProspectId, resolveProspectIds } from './define';
export { IdInUse, MutationRefused, NO_CHANGE, type Actor, type Mutation, type MutationContext } from './define';

/** Every named mutation, by name: what the outbox replays and the server accepts. */
export const MUTATIONS: ReadonlyMap<string, Mutation> = new Map(
  [
    prospectUpsert,
    prospectSetDoNotContact,
    activityLog,
    activityUndo,
    noteAdd,
    noteEdit,
    noteDelete,
    noteRestore,
    requisitionSave,
    reviewRequest,
    reviewDecide,
    reviewUndo,
    reviewNudge,
    reviewReassign,
    reviewCancel,
    followUpSet,
    followUpDone,
    followUpSnooze,
    backupRestore,
    memberUpdate,
    pipelineMove,
    prospectAttachProfile,
    prospectMerge,
    savedSearchSave,
    savedSearchDelete,
    teamPrivacySet,
    prospectErase,
    suppressionLift,
  ].map((m) => [m.name, m as Mutation]),
);
