/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment CliMutationError on MutationError {\n    code\n    message\n    field\n    problems { field message line column }\n  }\n": typeof types.CliMutationErrorFragmentDoc,
    "\n  query CheckpointLatest {\n    integrity { keyId publicKeyPem latestCheckpoint { sequence issuedAt keyId payload signature } }\n  }\n": typeof types.CheckpointLatestDocument,
    "\n  query OrgShow {\n    organization { slug name legalName description website contactEmail publicKeyId isSample }\n  }\n": typeof types.OrgShowDocument,
    "\n  query SegmentList {\n    segments(includeRetired: true) { key name description position retiredAt }\n  }\n": typeof types.SegmentListDocument,
    "\n  query DocumentList {\n    documents(first: 100) { edges { node { slug title kind noticePeriodDays retiredAt segments { key } } } }\n  }\n": typeof types.DocumentListDocument,
    "\n  fragment DraftSummary on DraftVersion {\n    id\n    label\n    status\n    material\n    document { slug }\n    author { email }\n    updatedAt\n  }\n": typeof types.DraftSummaryFragmentDoc,
    "\n  mutation DraftCreate($markdown: String!) {\n    createDraft(markdown: $markdown) { draft { ...DraftSummary } error { ...CliMutationError } }\n  }\n": typeof types.DraftCreateDocument,
    "\n  mutation DraftUpdate($id: ID!, $markdown: String!) {\n    updateDraft(id: $id, markdown: $markdown) { draft { ...DraftSummary } error { ...CliMutationError } }\n  }\n": typeof types.DraftUpdateDocument,
    "\n  query DraftList($document: String, $rejected: Boolean) {\n    drafts(document: $document, includeRejected: $rejected) { ...DraftSummary }\n  }\n": typeof types.DraftListDocument,
    "\n  fragment EditorRow on Editor {\n    email\n    name\n    role\n    createdAt\n    disabledAt\n    invitedBy { email }\n  }\n": typeof types.EditorRowFragmentDoc,
    "\n  query EditorList {\n    editors { ...EditorRow }\n  }\n": typeof types.EditorListDocument,
    "\n  mutation EditorSetRole($email: String!, $role: EditorRole!) {\n    setEditorRole(email: $email, role: $role) { editor { ...EditorRow } error { ...CliMutationError } }\n  }\n": typeof types.EditorSetRoleDocument,
    "\n  mutation EditorDisable($email: String!) {\n    disableEditor(email: $email) { editor { ...EditorRow } error { ...CliMutationError } }\n  }\n": typeof types.EditorDisableDocument,
    "\n  fragment FeatureRevisionStep on FeatureRevisionPayload {\n    revision { id number status material effectiveAt publishedAt feature { slug } }\n    checkpointSequence\n    error { ...CliMutationError }\n  }\n": typeof types.FeatureRevisionStepFragmentDoc,
    "\n  mutation FeatureRevise($file: String!) {\n    createFeatureRevision(file: $file) { ...FeatureRevisionStep }\n  }\n": typeof types.FeatureReviseDocument,
    "\n  mutation FeatureApprove($id: ID!) {\n    approveFeatureRevision(id: $id) { ...FeatureRevisionStep }\n  }\n": typeof types.FeatureApproveDocument,
    "\n  mutation FeaturePublish($id: ID!, $effectiveAt: DateTime) {\n    publishFeatureRevision(id: $id, effectiveAt: $effectiveAt) { ...FeatureRevisionStep }\n  }\n": typeof types.FeaturePublishDocument,
    "\n  mutation FeatureWithdraw($id: ID!, $reason: String!) {\n    withdrawFeatureRevision(id: $id, reason: $reason) { ...FeatureRevisionStep }\n  }\n": typeof types.FeatureWithdrawDocument,
    "\n  query FeatureList {\n    aiFeatures { slug name noticePeriodDays }\n  }\n": typeof types.FeatureListDocument,
    "\n  fragment InvitationRow on Invitation {\n    prefix\n    email\n    name\n    role\n    state\n    createdAt\n    expiresAt\n    redeemedAt\n    revokedAt\n    invitedBy { email }\n    editor { email }\n  }\n": typeof types.InvitationRowFragmentDoc,
    "\n  mutation InviteCreate($email: String!, $name: String!, $role: EditorRole!, $expiresInDays: Int) {\n    createInvitation(email: $email, name: $name, role: $role, expiresInDays: $expiresInDays) {\n      code\n      invitation { ...InvitationRow }\n      error { ...CliMutationError }\n    }\n  }\n": typeof types.InviteCreateDocument,
    "\n  query InviteList($state: InvitationState) {\n    invitations(state: $state) { ...InvitationRow }\n  }\n": typeof types.InviteListDocument,
    "\n  mutation InviteRevoke($prefix: String!) {\n    revokeInvitation(prefix: $prefix) { invitation { ...InvitationRow } error { ...CliMutationError } }\n  }\n": typeof types.InviteRevokeDocument,
    "\n  mutation Enrol($code: String!, $tokenName: String) {\n    enrol(code: $code, tokenName: $tokenName) { token prefix email name role error { ...CliMutationError } }\n  }\n": typeof types.EnrolDocument,
    "\n  fragment ReviewNoteFields on ReviewNote {\n    at\n    action\n    body\n    author { email name }\n  }\n": typeof types.ReviewNoteFieldsFragmentDoc,
    "\n  fragment ReviewVersion on DraftVersion {\n    id\n    label\n    status\n    material\n    changeNote\n    earliestEffectiveAt\n    document { slug }\n    author { email }\n    approvedBy { email }\n    updatedAt\n    reviewNotes { ...ReviewNoteFields }\n  }\n": typeof types.ReviewVersionFragmentDoc,
    "\n  fragment ReviewRevision on AiFeatureRevisionDraft {\n    id\n    number\n    status\n    changeNote\n    feature { slug }\n    author { email }\n    approvedBy { email }\n    createdAt\n    reviewNotes { ...ReviewNoteFields }\n  }\n": typeof types.ReviewRevisionFragmentDoc,
    "\n  mutation ReviewRequestVersionChanges($id: ID!, $text: String!) {\n    requestVersionChanges(id: $id, comment: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }\n  }\n": typeof types.ReviewRequestVersionChangesDocument,
    "\n  mutation ReviewRejectVersion($id: ID!, $text: String!) {\n    rejectVersion(id: $id, reason: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }\n  }\n": typeof types.ReviewRejectVersionDocument,
    "\n  mutation ReviewCommentOnVersion($id: ID!, $text: String!) {\n    commentOnVersion(id: $id, text: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }\n  }\n": typeof types.ReviewCommentOnVersionDocument,
    "\n  mutation ReviewDeleteDraft($id: ID!) {\n    deleteDraft(id: $id) { deletedId reviewNotes document label error { ...CliMutationError } }\n  }\n": typeof types.ReviewDeleteDraftDocument,
    "\n  query ReviewShowVersion($id: ID!) {\n    draft(id: $id) { ...ReviewVersion }\n  }\n": typeof types.ReviewShowVersionDocument,
    "\n  mutation ReviewRequestRevisionChanges($id: ID!, $text: String!) {\n    requestFeatureRevisionChanges(id: $id, comment: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }\n  }\n": typeof types.ReviewRequestRevisionChangesDocument,
    "\n  mutation ReviewRejectRevision($id: ID!, $text: String!) {\n    rejectFeatureRevision(id: $id, reason: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }\n  }\n": typeof types.ReviewRejectRevisionDocument,
    "\n  mutation ReviewCommentOnRevision($id: ID!, $text: String!) {\n    commentOnFeatureRevision(id: $id, text: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }\n  }\n": typeof types.ReviewCommentOnRevisionDocument,
    "\n  mutation ReviewDeleteRevision($id: ID!) {\n    deleteFeatureRevision(id: $id) { deletedId reviewNotes feature number error { ...CliMutationError } }\n  }\n": typeof types.ReviewDeleteRevisionDocument,
    "\n  query ReviewShowRevision($id: ID!) {\n    featureRevisionDraft(id: $id) { ...ReviewRevision }\n  }\n": typeof types.ReviewShowRevisionDocument,
    "\n  fragment ReviewRevisionStep on FeatureRevisionPayload {\n    revision { id number status feature { slug } }\n    error { ...CliMutationError }\n  }\n": typeof types.ReviewRevisionStepFragmentDoc,
    "\n  mutation ReviewEditRevision($id: ID!, $file: String!) {\n    updateFeatureRevision(id: $id, file: $file) { ...ReviewRevisionStep }\n  }\n": typeof types.ReviewEditRevisionDocument,
    "\n  mutation ReviewSubmitRevision($id: ID!, $comment: String) {\n    submitFeatureRevision(id: $id, comment: $comment) { ...ReviewRevisionStep }\n  }\n": typeof types.ReviewSubmitRevisionDocument,
    "\n  fragment StatsSubmission on ConsentSubmission {\n    id\n    kind\n    status\n    rowCount\n    reason\n    submittedAt\n    submittedBy { email }\n    approvedBy { email }\n    rejectedBy { email }\n    rejectionReason\n    releaseHash\n  }\n": typeof types.StatsSubmissionFragmentDoc,
    "\n  mutation StatsSubmit($csv: String!) {\n    submitConsentStatistics(csv: $csv) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n": typeof types.StatsSubmitDocument,
    "\n  mutation StatsCorrect($csv: String!, $reason: String!) {\n    submitConsentCorrection(csv: $csv, reason: $reason) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n": typeof types.StatsCorrectDocument,
    "\n  mutation StatsApprove($id: ID!) {\n    approveConsentSubmission(id: $id) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n": typeof types.StatsApproveDocument,
    "\n  mutation StatsReject($id: ID!, $reason: String!) {\n    rejectConsentSubmission(id: $id, reason: $reason) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n": typeof types.StatsRejectDocument,
    "\n  mutation StatsPublish($id: ID!) {\n    publishConsentSubmission(id: $id) {\n      submission { ...StatsSubmission }\n      contentHash\n      checkpointSequence\n      error { ...CliMutationError }\n    }\n  }\n": typeof types.StatsPublishDocument,
    "\n  query StatsShow($id: ID!) {\n    consentSubmission(id: $id) { ...StatsSubmission fileHash csv }\n  }\n": typeof types.StatsShowDocument,
    "\n  query StatsList($status: [VersionStatus!]) {\n    consentSubmissions(status: $status) { ...StatsSubmission }\n  }\n": typeof types.StatsListDocument,
    "\n  mutation TokenCreate($email: String, $name: String!, $expiresAt: DateTime) {\n    createToken(email: $email, name: $name, expiresAt: $expiresAt) { token prefix error { ...CliMutationError } }\n  }\n": typeof types.TokenCreateDocument,
    "\n  query TokenList($email: String) {\n    tokens(email: $email) { prefix name createdAt expiresAt revokedAt lastUsedAt editor { email } }\n  }\n": typeof types.TokenListDocument,
    "\n  mutation TokenRevoke($prefix: String!) {\n    revokeToken(prefix: $prefix) { revoked error { ...CliMutationError } }\n  }\n": typeof types.TokenRevokeDocument,
    "\n  query Verify($checkpoint: CheckpointInput) {\n    integrity {\n      keyId\n      verify(checkpoint: $checkpoint) {\n        ok\n        checkpointSequence\n        chains { chain kind count headHash ok }\n        problems { chain record code message }\n      }\n    }\n  }\n": typeof types.VerifyDocument,
    "\n  mutation WorkflowApprove($id: ID!) {\n    approveVersion(id: $id) { draft { id label status document { slug } } error { ...CliMutationError } }\n  }\n": typeof types.WorkflowApproveDocument,
    "\n  mutation WorkflowSubmit($id: ID!, $comment: String) {\n    submitForReview(id: $id, comment: $comment) {\n      draft { id label status material earliestEffectiveAt document { slug } }\n      error { ...CliMutationError }\n    }\n  }\n": typeof types.WorkflowSubmitDocument,
    "\n  fragment WorkflowPublication on PublishPayload {\n    version { id label contentHash previousHash publishedAt effectiveAt timing document { slug } }\n    checkpointSequence\n    rebased\n    error { ...CliMutationError }\n  }\n": typeof types.WorkflowPublicationFragmentDoc,
    "\n  mutation WorkflowPublish($id: ID!, $effectiveAt: DateTime) {\n    publishVersion(id: $id, effectiveAt: $effectiveAt) { ...WorkflowPublication }\n  }\n": typeof types.WorkflowPublishDocument,
    "\n  mutation WorkflowWithdraw($id: ID!, $reason: String!) {\n    withdrawVersion(id: $id, reason: $reason) { ...WorkflowPublication }\n  }\n": typeof types.WorkflowWithdrawDocument,
    "\n  fragment ExportWithdrawal on Withdrawal {\n    reason\n    withdrawnAt\n    contentHash\n    previousHash\n  }\n": typeof types.ExportWithdrawalFragmentDoc,
    "\n  fragment ExportVersion on Version {\n    label\n    publishedAt\n    effectiveAt\n    material\n    changeNote\n    contentHash\n    previousHash\n    importSource\n    importedAt\n    clauses { key number heading body }\n    explanations { segment { key } summary whatChanges affected }\n    withdrawal { ...ExportWithdrawal }\n  }\n": typeof types.ExportVersionFragmentDoc,
    "\n  fragment ExportFacts on AiFeatureFacts {\n    segment { key }\n    whatItDoes\n    availability\n    dataCategories\n    trainsFirstPartyModels\n    sharedWithVendor\n    vendorName\n    trainsVendorModels\n    retention\n    retentionDays\n    humanReview\n    humanReviewDetail\n    consentRequiredFrom\n    nonConsentOption\n    nonConsentDetail\n    defaultState\n    governingClauseRefs { document key }\n  }\n": typeof types.ExportFactsFragmentDoc,
    "\n  fragment ExportRevision on AiFeatureRevision {\n    number\n    publishedAt\n    effectiveAt\n    material\n    changeNote\n    contentHash\n    previousHash\n    facts { ...ExportFacts }\n    explanations { segment { key } summary whatChanges affected }\n    withdrawal { ...ExportWithdrawal }\n  }\n": typeof types.ExportRevisionFragmentDoc,
    "\n  fragment ExportCell on ConsentCell {\n    value\n    suppressed\n  }\n": typeof types.ExportCellFragmentDoc,
    "\n  fragment ExportRelease on ConsentRelease {\n    reason\n    releasedAt\n    rowCount\n    minimumCellSize\n    contentHash\n    previousHash\n    rows {\n      feature\n      segment\n      period\n      accountsEligible { ...ExportCell }\n      ownersEnabled { ...ExportCell }\n      ownersDisabled { ...ExportCell }\n      ownersUndecided { ...ExportCell }\n      participantsJoined { ...ExportCell }\n      participantsLeft { ...ExportCell }\n    }\n  }\n": typeof types.ExportReleaseFragmentDoc,
    "\n  fragment ExportDefinitionChange on DefinitionChange {\n    at\n    subject\n    key\n    action\n    values\n    contentHash\n    previousHash\n  }\n": typeof types.ExportDefinitionChangeFragmentDoc,
    "\n  query ExportHead($first: Int!) {\n    organization { name isSample sampleNotice }\n    integrity { publicKeyPem keyId latestCheckpoint { sequence payload signature } }\n    documents(first: $first) { pageInfo { hasNextPage endCursor } edges { node { slug title } } }\n    aiFeatures { slug name }\n    consentReleases { ...ExportRelease }\n  }\n": typeof types.ExportHeadDocument,
    "\n  query ExportDocuments($first: Int!, $after: String) {\n    documents(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug title } } }\n  }\n": typeof types.ExportDocumentsDocument,
    "\n  query ExportVersions($slug: String!, $first: Int!, $after: String) {\n    document(slug: $slug) {\n      versions(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { ...ExportVersion } }\n      }\n    }\n  }\n": typeof types.ExportVersionsDocument,
    "\n  query ExportRevisions($slug: String!, $first: Int!, $after: String) {\n    aiFeature(slug: $slug) {\n      revisions(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { ...ExportRevision } }\n      }\n    }\n  }\n": typeof types.ExportRevisionsDocument,
    "\n  query ExportDefinitionChanges($first: Int!, $after: String) {\n    definitionChanges(first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...ExportDefinitionChange } }\n    }\n  }\n": typeof types.ExportDefinitionChangesDocument,
    "\n  query DraftTemplate($slug: String!) {\n    document(slug: $slug) {\n      slug\n      title\n      retiredAt\n      segments { key name retiredAt }\n      current { label effectiveAt clauses { key number heading body } }\n      upcoming { label effectiveAt }\n    }\n  }\n": typeof types.DraftTemplateDocument,
    "\n  query DraftTemplateLabels($slug: String!, $first: Int!, $after: String) {\n    document(slug: $slug) {\n      versions(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { label withdrawal { withdrawnAt } } }\n      }\n    }\n  }\n": typeof types.DraftTemplateLabelsDocument,
    "\n  query DraftTemplateText($slug: String!, $label: String!) {\n    document(slug: $slug) { version(label: $label) { label effectiveAt clauses { key number heading body } } }\n  }\n": typeof types.DraftTemplateTextDocument,
    "\n  query FeatureTemplate($slug: String!) {\n    aiFeature(slug: $slug) { slug name }\n    segments { key name }\n  }\n": typeof types.FeatureTemplateDocument,
};
const documents: Documents = {
    "\n  fragment CliMutationError on MutationError {\n    code\n    message\n    field\n    problems { field message line column }\n  }\n": types.CliMutationErrorFragmentDoc,
    "\n  query CheckpointLatest {\n    integrity { keyId publicKeyPem latestCheckpoint { sequence issuedAt keyId payload signature } }\n  }\n": types.CheckpointLatestDocument,
    "\n  query OrgShow {\n    organization { slug name legalName description website contactEmail publicKeyId isSample }\n  }\n": types.OrgShowDocument,
    "\n  query SegmentList {\n    segments(includeRetired: true) { key name description position retiredAt }\n  }\n": types.SegmentListDocument,
    "\n  query DocumentList {\n    documents(first: 100) { edges { node { slug title kind noticePeriodDays retiredAt segments { key } } } }\n  }\n": types.DocumentListDocument,
    "\n  fragment DraftSummary on DraftVersion {\n    id\n    label\n    status\n    material\n    document { slug }\n    author { email }\n    updatedAt\n  }\n": types.DraftSummaryFragmentDoc,
    "\n  mutation DraftCreate($markdown: String!) {\n    createDraft(markdown: $markdown) { draft { ...DraftSummary } error { ...CliMutationError } }\n  }\n": types.DraftCreateDocument,
    "\n  mutation DraftUpdate($id: ID!, $markdown: String!) {\n    updateDraft(id: $id, markdown: $markdown) { draft { ...DraftSummary } error { ...CliMutationError } }\n  }\n": types.DraftUpdateDocument,
    "\n  query DraftList($document: String, $rejected: Boolean) {\n    drafts(document: $document, includeRejected: $rejected) { ...DraftSummary }\n  }\n": types.DraftListDocument,
    "\n  fragment EditorRow on Editor {\n    email\n    name\n    role\n    createdAt\n    disabledAt\n    invitedBy { email }\n  }\n": types.EditorRowFragmentDoc,
    "\n  query EditorList {\n    editors { ...EditorRow }\n  }\n": types.EditorListDocument,
    "\n  mutation EditorSetRole($email: String!, $role: EditorRole!) {\n    setEditorRole(email: $email, role: $role) { editor { ...EditorRow } error { ...CliMutationError } }\n  }\n": types.EditorSetRoleDocument,
    "\n  mutation EditorDisable($email: String!) {\n    disableEditor(email: $email) { editor { ...EditorRow } error { ...CliMutationError } }\n  }\n": types.EditorDisableDocument,
    "\n  fragment FeatureRevisionStep on FeatureRevisionPayload {\n    revision { id number status material effectiveAt publishedAt feature { slug } }\n    checkpointSequence\n    error { ...CliMutationError }\n  }\n": types.FeatureRevisionStepFragmentDoc,
    "\n  mutation FeatureRevise($file: String!) {\n    createFeatureRevision(file: $file) { ...FeatureRevisionStep }\n  }\n": types.FeatureReviseDocument,
    "\n  mutation FeatureApprove($id: ID!) {\n    approveFeatureRevision(id: $id) { ...FeatureRevisionStep }\n  }\n": types.FeatureApproveDocument,
    "\n  mutation FeaturePublish($id: ID!, $effectiveAt: DateTime) {\n    publishFeatureRevision(id: $id, effectiveAt: $effectiveAt) { ...FeatureRevisionStep }\n  }\n": types.FeaturePublishDocument,
    "\n  mutation FeatureWithdraw($id: ID!, $reason: String!) {\n    withdrawFeatureRevision(id: $id, reason: $reason) { ...FeatureRevisionStep }\n  }\n": types.FeatureWithdrawDocument,
    "\n  query FeatureList {\n    aiFeatures { slug name noticePeriodDays }\n  }\n": types.FeatureListDocument,
    "\n  fragment InvitationRow on Invitation {\n    prefix\n    email\n    name\n    role\n    state\n    createdAt\n    expiresAt\n    redeemedAt\n    revokedAt\n    invitedBy { email }\n    editor { email }\n  }\n": types.InvitationRowFragmentDoc,
    "\n  mutation InviteCreate($email: String!, $name: String!, $role: EditorRole!, $expiresInDays: Int) {\n    createInvitation(email: $email, name: $name, role: $role, expiresInDays: $expiresInDays) {\n      code\n      invitation { ...InvitationRow }\n      error { ...CliMutationError }\n    }\n  }\n": types.InviteCreateDocument,
    "\n  query InviteList($state: InvitationState) {\n    invitations(state: $state) { ...InvitationRow }\n  }\n": types.InviteListDocument,
    "\n  mutation InviteRevoke($prefix: String!) {\n    revokeInvitation(prefix: $prefix) { invitation { ...InvitationRow } error { ...CliMutationError } }\n  }\n": types.InviteRevokeDocument,
    "\n  mutation Enrol($code: String!, $tokenName: String) {\n    enrol(code: $code, tokenName: $tokenName) { token prefix email name role error { ...CliMutationError } }\n  }\n": types.EnrolDocument,
    "\n  fragment ReviewNoteFields on ReviewNote {\n    at\n    action\n    body\n    author { email name }\n  }\n": types.ReviewNoteFieldsFragmentDoc,
    "\n  fragment ReviewVersion on DraftVersion {\n    id\n    label\n    status\n    material\n    changeNote\n    earliestEffectiveAt\n    document { slug }\n    author { email }\n    approvedBy { email }\n    updatedAt\n    reviewNotes { ...ReviewNoteFields }\n  }\n": types.ReviewVersionFragmentDoc,
    "\n  fragment ReviewRevision on AiFeatureRevisionDraft {\n    id\n    number\n    status\n    changeNote\n    feature { slug }\n    author { email }\n    approvedBy { email }\n    createdAt\n    reviewNotes { ...ReviewNoteFields }\n  }\n": types.ReviewRevisionFragmentDoc,
    "\n  mutation ReviewRequestVersionChanges($id: ID!, $text: String!) {\n    requestVersionChanges(id: $id, comment: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }\n  }\n": types.ReviewRequestVersionChangesDocument,
    "\n  mutation ReviewRejectVersion($id: ID!, $text: String!) {\n    rejectVersion(id: $id, reason: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }\n  }\n": types.ReviewRejectVersionDocument,
    "\n  mutation ReviewCommentOnVersion($id: ID!, $text: String!) {\n    commentOnVersion(id: $id, text: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }\n  }\n": types.ReviewCommentOnVersionDocument,
    "\n  mutation ReviewDeleteDraft($id: ID!) {\n    deleteDraft(id: $id) { deletedId reviewNotes document label error { ...CliMutationError } }\n  }\n": types.ReviewDeleteDraftDocument,
    "\n  query ReviewShowVersion($id: ID!) {\n    draft(id: $id) { ...ReviewVersion }\n  }\n": types.ReviewShowVersionDocument,
    "\n  mutation ReviewRequestRevisionChanges($id: ID!, $text: String!) {\n    requestFeatureRevisionChanges(id: $id, comment: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }\n  }\n": types.ReviewRequestRevisionChangesDocument,
    "\n  mutation ReviewRejectRevision($id: ID!, $text: String!) {\n    rejectFeatureRevision(id: $id, reason: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }\n  }\n": types.ReviewRejectRevisionDocument,
    "\n  mutation ReviewCommentOnRevision($id: ID!, $text: String!) {\n    commentOnFeatureRevision(id: $id, text: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }\n  }\n": types.ReviewCommentOnRevisionDocument,
    "\n  mutation ReviewDeleteRevision($id: ID!) {\n    deleteFeatureRevision(id: $id) { deletedId reviewNotes feature number error { ...CliMutationError } }\n  }\n": types.ReviewDeleteRevisionDocument,
    "\n  query ReviewShowRevision($id: ID!) {\n    featureRevisionDraft(id: $id) { ...ReviewRevision }\n  }\n": types.ReviewShowRevisionDocument,
    "\n  fragment ReviewRevisionStep on FeatureRevisionPayload {\n    revision { id number status feature { slug } }\n    error { ...CliMutationError }\n  }\n": types.ReviewRevisionStepFragmentDoc,
    "\n  mutation ReviewEditRevision($id: ID!, $file: String!) {\n    updateFeatureRevision(id: $id, file: $file) { ...ReviewRevisionStep }\n  }\n": types.ReviewEditRevisionDocument,
    "\n  mutation ReviewSubmitRevision($id: ID!, $comment: String) {\n    submitFeatureRevision(id: $id, comment: $comment) { ...ReviewRevisionStep }\n  }\n": types.ReviewSubmitRevisionDocument,
    "\n  fragment StatsSubmission on ConsentSubmission {\n    id\n    kind\n    status\n    rowCount\n    reason\n    submittedAt\n    submittedBy { email }\n    approvedBy { email }\n    rejectedBy { email }\n    rejectionReason\n    releaseHash\n  }\n": types.StatsSubmissionFragmentDoc,
    "\n  mutation StatsSubmit($csv: String!) {\n    submitConsentStatistics(csv: $csv) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n": types.StatsSubmitDocument,
    "\n  mutation StatsCorrect($csv: String!, $reason: String!) {\n    submitConsentCorrection(csv: $csv, reason: $reason) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n": types.StatsCorrectDocument,
    "\n  mutation StatsApprove($id: ID!) {\n    approveConsentSubmission(id: $id) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n": types.StatsApproveDocument,
    "\n  mutation StatsReject($id: ID!, $reason: String!) {\n    rejectConsentSubmission(id: $id, reason: $reason) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n": types.StatsRejectDocument,
    "\n  mutation StatsPublish($id: ID!) {\n    publishConsentSubmission(id: $id) {\n      submission { ...StatsSubmission }\n      contentHash\n      checkpointSequence\n      error { ...CliMutationError }\n    }\n  }\n": types.StatsPublishDocument,
    "\n  query StatsShow($id: ID!) {\n    consentSubmission(id: $id) { ...StatsSubmission fileHash csv }\n  }\n": types.StatsShowDocument,
    "\n  query StatsList($status: [VersionStatus!]) {\n    consentSubmissions(status: $status) { ...StatsSubmission }\n  }\n": types.StatsListDocument,
    "\n  mutation TokenCreate($email: String, $name: String!, $expiresAt: DateTime) {\n    createToken(email: $email, name: $name, expiresAt: $expiresAt) { token prefix error { ...CliMutationError } }\n  }\n": types.TokenCreateDocument,
    "\n  query TokenList($email: String) {\n    tokens(email: $email) { prefix name createdAt expiresAt revokedAt lastUsedAt editor { email } }\n  }\n": types.TokenListDocument,
    "\n  mutation TokenRevoke($prefix: String!) {\n    revokeToken(prefix: $prefix) { revoked error { ...CliMutationError } }\n  }\n": types.TokenRevokeDocument,
    "\n  query Verify($checkpoint: CheckpointInput) {\n    integrity {\n      keyId\n      verify(checkpoint: $checkpoint) {\n        ok\n        checkpointSequence\n        chains { chain kind count headHash ok }\n        problems { chain record code message }\n      }\n    }\n  }\n": types.VerifyDocument,
    "\n  mutation WorkflowApprove($id: ID!) {\n    approveVersion(id: $id) { draft { id label status document { slug } } error { ...CliMutationError } }\n  }\n": types.WorkflowApproveDocument,
    "\n  mutation WorkflowSubmit($id: ID!, $comment: String) {\n    submitForReview(id: $id, comment: $comment) {\n      draft { id label status material earliestEffectiveAt document { slug } }\n      error { ...CliMutationError }\n    }\n  }\n": types.WorkflowSubmitDocument,
    "\n  fragment WorkflowPublication on PublishPayload {\n    version { id label contentHash previousHash publishedAt effectiveAt timing document { slug } }\n    checkpointSequence\n    rebased\n    error { ...CliMutationError }\n  }\n": types.WorkflowPublicationFragmentDoc,
    "\n  mutation WorkflowPublish($id: ID!, $effectiveAt: DateTime) {\n    publishVersion(id: $id, effectiveAt: $effectiveAt) { ...WorkflowPublication }\n  }\n": types.WorkflowPublishDocument,
    "\n  mutation WorkflowWithdraw($id: ID!, $reason: String!) {\n    withdrawVersion(id: $id, reason: $reason) { ...WorkflowPublication }\n  }\n": types.WorkflowWithdrawDocument,
    "\n  fragment ExportWithdrawal on Withdrawal {\n    reason\n    withdrawnAt\n    contentHash\n    previousHash\n  }\n": types.ExportWithdrawalFragmentDoc,
    "\n  fragment ExportVersion on Version {\n    label\n    publishedAt\n    effectiveAt\n    material\n    changeNote\n    contentHash\n    previousHash\n    importSource\n    importedAt\n    clauses { key number heading body }\n    explanations { segment { key } summary whatChanges affected }\n    withdrawal { ...ExportWithdrawal }\n  }\n": types.ExportVersionFragmentDoc,
    "\n  fragment ExportFacts on AiFeatureFacts {\n    segment { key }\n    whatItDoes\n    availability\n    dataCategories\n    trainsFirstPartyModels\n    sharedWithVendor\n    vendorName\n    trainsVendorModels\n    retention\n    retentionDays\n    humanReview\n    humanReviewDetail\n    consentRequiredFrom\n    nonConsentOption\n    nonConsentDetail\n    defaultState\n    governingClauseRefs { document key }\n  }\n": types.ExportFactsFragmentDoc,
    "\n  fragment ExportRevision on AiFeatureRevision {\n    number\n    publishedAt\n    effectiveAt\n    material\n    changeNote\n    contentHash\n    previousHash\n    facts { ...ExportFacts }\n    explanations { segment { key } summary whatChanges affected }\n    withdrawal { ...ExportWithdrawal }\n  }\n": types.ExportRevisionFragmentDoc,
    "\n  fragment ExportCell on ConsentCell {\n    value\n    suppressed\n  }\n": types.ExportCellFragmentDoc,
    "\n  fragment ExportRelease on ConsentRelease {\n    reason\n    releasedAt\n    rowCount\n    minimumCellSize\n    contentHash\n    previousHash\n    rows {\n      feature\n      segment\n      period\n      accountsEligible { ...ExportCell }\n      ownersEnabled { ...ExportCell }\n      ownersDisabled { ...ExportCell }\n      ownersUndecided { ...ExportCell }\n      participantsJoined { ...ExportCell }\n      participantsLeft { ...ExportCell }\n    }\n  }\n": types.ExportReleaseFragmentDoc,
    "\n  fragment ExportDefinitionChange on DefinitionChange {\n    at\n    subject\n    key\n    action\n    values\n    contentHash\n    previousHash\n  }\n": types.ExportDefinitionChangeFragmentDoc,
    "\n  query ExportHead($first: Int!) {\n    organization { name isSample sampleNotice }\n    integrity { publicKeyPem keyId latestCheckpoint { sequence payload signature } }\n    documents(first: $first) { pageInfo { hasNextPage endCursor } edges { node { slug title } } }\n    aiFeatures { slug name }\n    consentReleases { ...ExportRelease }\n  }\n": types.ExportHeadDocument,
    "\n  query ExportDocuments($first: Int!, $after: String) {\n    documents(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug title } } }\n  }\n": types.ExportDocumentsDocument,
    "\n  query ExportVersions($slug: String!, $first: Int!, $after: String) {\n    document(slug: $slug) {\n      versions(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { ...ExportVersion } }\n      }\n    }\n  }\n": types.ExportVersionsDocument,
    "\n  query ExportRevisions($slug: String!, $first: Int!, $after: String) {\n    aiFeature(slug: $slug) {\n      revisions(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { ...ExportRevision } }\n      }\n    }\n  }\n": types.ExportRevisionsDocument,
    "\n  query ExportDefinitionChanges($first: Int!, $after: String) {\n    definitionChanges(first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...ExportDefinitionChange } }\n    }\n  }\n": types.ExportDefinitionChangesDocument,
    "\n  query DraftTemplate($slug: String!) {\n    document(slug: $slug) {\n      slug\n      title\n      retiredAt\n      segments { key name retiredAt }\n      current { label effectiveAt clauses { key number heading body } }\n      upcoming { label effectiveAt }\n    }\n  }\n": types.DraftTemplateDocument,
    "\n  query DraftTemplateLabels($slug: String!, $first: Int!, $after: String) {\n    document(slug: $slug) {\n      versions(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { label withdrawal { withdrawnAt } } }\n      }\n    }\n  }\n": types.DraftTemplateLabelsDocument,
    "\n  query DraftTemplateText($slug: String!, $label: String!) {\n    document(slug: $slug) { version(label: $label) { label effectiveAt clauses { key number heading body } } }\n  }\n": types.DraftTemplateTextDocument,
    "\n  query FeatureTemplate($slug: String!) {\n    aiFeature(slug: $slug) { slug name }\n    segments { key name }\n  }\n": types.FeatureTemplateDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CliMutationError on MutationError {\n    code\n    message\n    field\n    problems { field message line column }\n  }\n"): typeof import('./graphql.js').CliMutationErrorFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckpointLatest {\n    integrity { keyId publicKeyPem latestCheckpoint { sequence issuedAt keyId payload signature } }\n  }\n"): typeof import('./graphql.js').CheckpointLatestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgShow {\n    organization { slug name legalName description website contactEmail publicKeyId isSample }\n  }\n"): typeof import('./graphql.js').OrgShowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentList {\n    segments(includeRetired: true) { key name description position retiredAt }\n  }\n"): typeof import('./graphql.js').SegmentListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentList {\n    documents(first: 100) { edges { node { slug title kind noticePeriodDays retiredAt segments { key } } } }\n  }\n"): typeof import('./graphql.js').DocumentListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DraftSummary on DraftVersion {\n    id\n    label\n    status\n    material\n    document { slug }\n    author { email }\n    updatedAt\n  }\n"): typeof import('./graphql.js').DraftSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DraftCreate($markdown: String!) {\n    createDraft(markdown: $markdown) { draft { ...DraftSummary } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').DraftCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DraftUpdate($id: ID!, $markdown: String!) {\n    updateDraft(id: $id, markdown: $markdown) { draft { ...DraftSummary } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').DraftUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DraftList($document: String, $rejected: Boolean) {\n    drafts(document: $document, includeRejected: $rejected) { ...DraftSummary }\n  }\n"): typeof import('./graphql.js').DraftListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditorRow on Editor {\n    email\n    name\n    role\n    createdAt\n    disabledAt\n    invitedBy { email }\n  }\n"): typeof import('./graphql.js').EditorRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditorList {\n    editors { ...EditorRow }\n  }\n"): typeof import('./graphql.js').EditorListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditorSetRole($email: String!, $role: EditorRole!) {\n    setEditorRole(email: $email, role: $role) { editor { ...EditorRow } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').EditorSetRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditorDisable($email: String!) {\n    disableEditor(email: $email) { editor { ...EditorRow } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').EditorDisableDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FeatureRevisionStep on FeatureRevisionPayload {\n    revision { id number status material effectiveAt publishedAt feature { slug } }\n    checkpointSequence\n    error { ...CliMutationError }\n  }\n"): typeof import('./graphql.js').FeatureRevisionStepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FeatureRevise($file: String!) {\n    createFeatureRevision(file: $file) { ...FeatureRevisionStep }\n  }\n"): typeof import('./graphql.js').FeatureReviseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FeatureApprove($id: ID!) {\n    approveFeatureRevision(id: $id) { ...FeatureRevisionStep }\n  }\n"): typeof import('./graphql.js').FeatureApproveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FeaturePublish($id: ID!, $effectiveAt: DateTime) {\n    publishFeatureRevision(id: $id, effectiveAt: $effectiveAt) { ...FeatureRevisionStep }\n  }\n"): typeof import('./graphql.js').FeaturePublishDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FeatureWithdraw($id: ID!, $reason: String!) {\n    withdrawFeatureRevision(id: $id, reason: $reason) { ...FeatureRevisionStep }\n  }\n"): typeof import('./graphql.js').FeatureWithdrawDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeatureList {\n    aiFeatures { slug name noticePeriodDays }\n  }\n"): typeof import('./graphql.js').FeatureListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvitationRow on Invitation {\n    prefix\n    email\n    name\n    role\n    state\n    createdAt\n    expiresAt\n    redeemedAt\n    revokedAt\n    invitedBy { email }\n    editor { email }\n  }\n"): typeof import('./graphql.js').InvitationRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteCreate($email: String!, $name: String!, $role: EditorRole!, $expiresInDays: Int) {\n    createInvitation(email: $email, name: $name, role: $role, expiresInDays: $expiresInDays) {\n      code\n      invitation { ...InvitationRow }\n      error { ...CliMutationError }\n    }\n  }\n"): typeof import('./graphql.js').InviteCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InviteList($state: InvitationState) {\n    invitations(state: $state) { ...InvitationRow }\n  }\n"): typeof import('./graphql.js').InviteListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteRevoke($prefix: String!) {\n    revokeInvitation(prefix: $prefix) { invitation { ...InvitationRow } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').InviteRevokeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Enrol($code: String!, $tokenName: String) {\n    enrol(code: $code, tokenName: $tokenName) { token prefix email name role error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').EnrolDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewNoteFields on ReviewNote {\n    at\n    action\n    body\n    author { email name }\n  }\n"): typeof import('./graphql.js').ReviewNoteFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewVersion on DraftVersion {\n    id\n    label\n    status\n    material\n    changeNote\n    earliestEffectiveAt\n    document { slug }\n    author { email }\n    approvedBy { email }\n    updatedAt\n    reviewNotes { ...ReviewNoteFields }\n  }\n"): typeof import('./graphql.js').ReviewVersionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewRevision on AiFeatureRevisionDraft {\n    id\n    number\n    status\n    changeNote\n    feature { slug }\n    author { email }\n    approvedBy { email }\n    createdAt\n    reviewNotes { ...ReviewNoteFields }\n  }\n"): typeof import('./graphql.js').ReviewRevisionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewRequestVersionChanges($id: ID!, $text: String!) {\n    requestVersionChanges(id: $id, comment: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').ReviewRequestVersionChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewRejectVersion($id: ID!, $text: String!) {\n    rejectVersion(id: $id, reason: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').ReviewRejectVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewCommentOnVersion($id: ID!, $text: String!) {\n    commentOnVersion(id: $id, text: $text) { draft { ...ReviewVersion } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').ReviewCommentOnVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewDeleteDraft($id: ID!) {\n    deleteDraft(id: $id) { deletedId reviewNotes document label error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').ReviewDeleteDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewShowVersion($id: ID!) {\n    draft(id: $id) { ...ReviewVersion }\n  }\n"): typeof import('./graphql.js').ReviewShowVersionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewRequestRevisionChanges($id: ID!, $text: String!) {\n    requestFeatureRevisionChanges(id: $id, comment: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').ReviewRequestRevisionChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewRejectRevision($id: ID!, $text: String!) {\n    rejectFeatureRevision(id: $id, reason: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').ReviewRejectRevisionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewCommentOnRevision($id: ID!, $text: String!) {\n    commentOnFeatureRevision(id: $id, text: $text) { revision { ...ReviewRevision } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').ReviewCommentOnRevisionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewDeleteRevision($id: ID!) {\n    deleteFeatureRevision(id: $id) { deletedId reviewNotes feature number error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').ReviewDeleteRevisionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewShowRevision($id: ID!) {\n    featureRevisionDraft(id: $id) { ...ReviewRevision }\n  }\n"): typeof import('./graphql.js').ReviewShowRevisionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewRevisionStep on FeatureRevisionPayload {\n    revision { id number status feature { slug } }\n    error { ...CliMutationError }\n  }\n"): typeof import('./graphql.js').ReviewRevisionStepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewEditRevision($id: ID!, $file: String!) {\n    updateFeatureRevision(id: $id, file: $file) { ...ReviewRevisionStep }\n  }\n"): typeof import('./graphql.js').ReviewEditRevisionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewSubmitRevision($id: ID!, $comment: String) {\n    submitFeatureRevision(id: $id, comment: $comment) { ...ReviewRevisionStep }\n  }\n"): typeof import('./graphql.js').ReviewSubmitRevisionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatsSubmission on ConsentSubmission {\n    id\n    kind\n    status\n    rowCount\n    reason\n    submittedAt\n    submittedBy { email }\n    approvedBy { email }\n    rejectedBy { email }\n    rejectionReason\n    releaseHash\n  }\n"): typeof import('./graphql.js').StatsSubmissionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StatsSubmit($csv: String!) {\n    submitConsentStatistics(csv: $csv) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').StatsSubmitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StatsCorrect($csv: String!, $reason: String!) {\n    submitConsentCorrection(csv: $csv, reason: $reason) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').StatsCorrectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StatsApprove($id: ID!) {\n    approveConsentSubmission(id: $id) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').StatsApproveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StatsReject($id: ID!, $reason: String!) {\n    rejectConsentSubmission(id: $id, reason: $reason) { submission { ...StatsSubmission } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').StatsRejectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StatsPublish($id: ID!) {\n    publishConsentSubmission(id: $id) {\n      submission { ...StatsSubmission }\n      contentHash\n      checkpointSequence\n      error { ...CliMutationError }\n    }\n  }\n"): typeof import('./graphql.js').StatsPublishDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatsShow($id: ID!) {\n    consentSubmission(id: $id) { ...StatsSubmission fileHash csv }\n  }\n"): typeof import('./graphql.js').StatsShowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatsList($status: [VersionStatus!]) {\n    consentSubmissions(status: $status) { ...StatsSubmission }\n  }\n"): typeof import('./graphql.js').StatsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokenCreate($email: String, $name: String!, $expiresAt: DateTime) {\n    createToken(email: $email, name: $name, expiresAt: $expiresAt) { token prefix error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').TokenCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TokenList($email: String) {\n    tokens(email: $email) { prefix name createdAt expiresAt revokedAt lastUsedAt editor { email } }\n  }\n"): typeof import('./graphql.js').TokenListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokenRevoke($prefix: String!) {\n    revokeToken(prefix: $prefix) { revoked error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').TokenRevokeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Verify($checkpoint: CheckpointInput) {\n    integrity {\n      keyId\n      verify(checkpoint: $checkpoint) {\n        ok\n        checkpointSequence\n        chains { chain kind count headHash ok }\n        problems { chain record code message }\n      }\n    }\n  }\n"): typeof import('./graphql.js').VerifyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkflowApprove($id: ID!) {\n    approveVersion(id: $id) { draft { id label status document { slug } } error { ...CliMutationError } }\n  }\n"): typeof import('./graphql.js').WorkflowApproveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkflowSubmit($id: ID!, $comment: String) {\n    submitForReview(id: $id, comment: $comment) {\n      draft { id label status material earliestEffectiveAt document { slug } }\n      error { ...CliMutationError }\n    }\n  }\n"): typeof import('./graphql.js').WorkflowSubmitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkflowPublication on PublishPayload {\n    version { id label contentHash previousHash publishedAt effectiveAt timing document { slug } }\n    checkpointSequence\n    rebased\n    error { ...CliMutationError }\n  }\n"): typeof import('./graphql.js').WorkflowPublicationFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkflowPublish($id: ID!, $effectiveAt: DateTime) {\n    publishVersion(id: $id, effectiveAt: $effectiveAt) { ...WorkflowPublication }\n  }\n"): typeof import('./graphql.js').WorkflowPublishDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkflowWithdraw($id: ID!, $reason: String!) {\n    withdrawVersion(id: $id, reason: $reason) { ...WorkflowPublication }\n  }\n"): typeof import('./graphql.js').WorkflowWithdrawDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportWithdrawal on Withdrawal {\n    reason\n    withdrawnAt\n    contentHash\n    previousHash\n  }\n"): typeof import('./graphql.js').ExportWithdrawalFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportVersion on Version {\n    label\n    publishedAt\n    effectiveAt\n    material\n    changeNote\n    contentHash\n    previousHash\n    importSource\n    importedAt\n    clauses { key number heading body }\n    explanations { segment { key } summary whatChanges affected }\n    withdrawal { ...ExportWithdrawal }\n  }\n"): typeof import('./graphql.js').ExportVersionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportFacts on AiFeatureFacts {\n    segment { key }\n    whatItDoes\n    availability\n    dataCategories\n    trainsFirstPartyModels\n    sharedWithVendor\n    vendorName\n    trainsVendorModels\n    retention\n    retentionDays\n    humanReview\n    humanReviewDetail\n    consentRequiredFrom\n    nonConsentOption\n    nonConsentDetail\n    defaultState\n    governingClauseRefs { document key }\n  }\n"): typeof import('./graphql.js').ExportFactsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportRevision on AiFeatureRevision {\n    number\n    publishedAt\n    effectiveAt\n    material\n    changeNote\n    contentHash\n    previousHash\n    facts { ...ExportFacts }\n    explanations { segment { key } summary whatChanges affected }\n    withdrawal { ...ExportWithdrawal }\n  }\n"): typeof import('./graphql.js').ExportRevisionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportCell on ConsentCell {\n    value\n    suppressed\n  }\n"): typeof import('./graphql.js').ExportCellFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportRelease on ConsentRelease {\n    reason\n    releasedAt\n    rowCount\n    minimumCellSize\n    contentHash\n    previousHash\n    rows {\n      feature\n      segment\n      period\n      accountsEligible { ...ExportCell }\n      ownersEnabled { ...ExportCell }\n      ownersDisabled { ...ExportCell }\n      ownersUndecided { ...ExportCell }\n      participantsJoined { ...ExportCell }\n      participantsLeft { ...ExportCell }\n    }\n  }\n"): typeof import('./graphql.js').ExportReleaseFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportDefinitionChange on DefinitionChange {\n    at\n    subject\n    key\n    action\n    values\n    contentHash\n    previousHash\n  }\n"): typeof import('./graphql.js').ExportDefinitionChangeFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportHead($first: Int!) {\n    organization { name isSample sampleNotice }\n    integrity { publicKeyPem keyId latestCheckpoint { sequence payload signature } }\n    documents(first: $first) { pageInfo { hasNextPage endCursor } edges { node { slug title } } }\n    aiFeatures { slug name }\n    consentReleases { ...ExportRelease }\n  }\n"): typeof import('./graphql.js').ExportHeadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportDocuments($first: Int!, $after: String) {\n    documents(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug title } } }\n  }\n"): typeof import('./graphql.js').ExportDocumentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportVersions($slug: String!, $first: Int!, $after: String) {\n    document(slug: $slug) {\n      versions(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { ...ExportVersion } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExportVersionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportRevisions($slug: String!, $first: Int!, $after: String) {\n    aiFeature(slug: $slug) {\n      revisions(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { ...ExportRevision } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExportRevisionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportDefinitionChanges($first: Int!, $after: String) {\n    definitionChanges(first: $first, after: $after) {\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...ExportDefinitionChange } }\n    }\n  }\n"): typeof import('./graphql.js').ExportDefinitionChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DraftTemplate($slug: String!) {\n    document(slug: $slug) {\n      slug\n      title\n      retiredAt\n      segments { key name retiredAt }\n      current { label effectiveAt clauses { key number heading body } }\n      upcoming { label effectiveAt }\n    }\n  }\n"): typeof import('./graphql.js').DraftTemplateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DraftTemplateLabels($slug: String!, $first: Int!, $after: String) {\n    document(slug: $slug) {\n      versions(first: $first, after: $after) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { label withdrawal { withdrawnAt } } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').DraftTemplateLabelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DraftTemplateText($slug: String!, $label: String!) {\n    document(slug: $slug) { version(label: $label) { label effectiveAt clauses { key number heading body } } }\n  }\n"): typeof import('./graphql.js').DraftTemplateTextDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeatureTemplate($slug: String!) {\n    aiFeature(slug: $slug) { slug name }\n    segments { key name }\n  }\n"): typeof import('./graphql.js').FeatureTemplateDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
