-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "website" TEXT NOT NULL,
    "isSample" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Segment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "noticePeriodDays" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Version" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "material" BOOLEAN NOT NULL DEFAULT false,
    "changeNote" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "approvedById" TEXT,
    "publishedAt" DATETIME,
    "effectiveAt" DATETIME,
    "contentHash" TEXT,
    "previousHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Version_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Version_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Version_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Clause" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "heading" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "Clause_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Explanation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "whatChanges" TEXT NOT NULL DEFAULT '',
    "affected" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Explanation_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Explanation_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Changelog" (
    "versionId" TEXT NOT NULL PRIMARY KEY,
    "fromVersionId" TEXT,
    "changesJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Changelog_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Changelog_fromVersionId_fkey" FOREIGN KEY ("fromVersionId") REFERENCES "Version" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Withdrawal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "withdrawnAt" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "editorId" TEXT,
    CONSTRAINT "Withdrawal_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "Version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Withdrawal_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AiFeature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AiFeatureRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "featureId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "changeNote" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "approvedById" TEXT,
    "publishedAt" DATETIME,
    "effectiveAt" DATETIME,
    "contentHash" TEXT,
    "previousHash" TEXT,
    "diffJson" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AiFeatureRevision_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "AiFeature" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AiFeatureRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AiFeatureRevision_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AiFeatureFacts" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "revisionId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "whatItDoes" TEXT NOT NULL,
    "availability" TEXT NOT NULL,
    "dataCategories" TEXT NOT NULL,
    "trainsFirstPartyModels" BOOLEAN NOT NULL,
    "sharedWithVendor" BOOLEAN NOT NULL,
    "vendorName" TEXT,
    "trainsVendorModels" BOOLEAN NOT NULL,
    "retention" TEXT NOT NULL,
    "retentionDays" INTEGER,
    "humanReview" BOOLEAN NOT NULL,
    "humanReviewDetail" TEXT NOT NULL,
    "consentRequiredFrom" TEXT NOT NULL,
    "nonConsentOption" TEXT NOT NULL,
    "nonConsentDetail" TEXT NOT NULL,
    "defaultState" TEXT NOT NULL,
    "governingClauses" TEXT NOT NULL,
    CONSTRAINT "AiFeatureFacts_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "AiFeatureRevision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AiFeatureFacts_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsentStat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "featureId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "accountsEligible" INTEGER NOT NULL,
    "ownersEnabled" INTEGER NOT NULL,
    "ownersDisabled" INTEGER NOT NULL,
    "ownersUndecided" INTEGER NOT NULL,
    "participantsJoined" INTEGER,
    "participantsLeft" INTEGER,
    "importId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConsentStat_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "AiFeature" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ConsentStat_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Editor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" DATETIME
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME,
    CONSTRAINT "ApiToken_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Editor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editorId" TEXT,
    "tokenId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "beforeId" TEXT,
    "afterId" TEXT,
    "outcome" TEXT NOT NULL,
    "errorCode" TEXT,
    "detail" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "AuditEvent_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Segment_key_key" ON "Segment"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Document_slug_key" ON "Document"("slug");

-- CreateIndex
CREATE INDEX "Version_documentId_status_effectiveAt_idx" ON "Version"("documentId", "status", "effectiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "Version_documentId_label_key" ON "Version"("documentId", "label");

-- CreateIndex
CREATE INDEX "Clause_versionId_position_idx" ON "Clause"("versionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Clause_versionId_key_key" ON "Clause"("versionId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Explanation_versionId_segmentId_key" ON "Explanation"("versionId", "segmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Withdrawal_versionId_key" ON "Withdrawal"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "AiFeature_slug_key" ON "AiFeature"("slug");

-- CreateIndex
CREATE INDEX "AiFeatureRevision_featureId_status_effectiveAt_idx" ON "AiFeatureRevision"("featureId", "status", "effectiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "AiFeatureRevision_featureId_number_key" ON "AiFeatureRevision"("featureId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "AiFeatureFacts_revisionId_segmentId_key" ON "AiFeatureFacts"("revisionId", "segmentId");

-- CreateIndex
CREATE INDEX "ConsentStat_period_idx" ON "ConsentStat"("period");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentStat_featureId_segmentId_period_key" ON "ConsentStat"("featureId", "segmentId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "Editor_email_key" ON "Editor"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_prefix_key" ON "ApiToken"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

