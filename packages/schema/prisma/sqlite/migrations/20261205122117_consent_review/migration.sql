-- DropIndex
DROP INDEX "ConsentStat_featureId_segmentId_period_key";

-- CreateTable
CREATE TABLE "ConsentSubmission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "csv" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "reason" TEXT,
    "submittedAt" DATETIME NOT NULL,
    "submittedById" TEXT NOT NULL,
    "approvedAt" DATETIME,
    "approvedById" TEXT,
    "rejectedAt" DATETIME,
    "rejectedById" TEXT,
    "rejectionComment" TEXT,
    "releaseId" TEXT,
    CONSTRAINT "ConsentSubmission_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "Editor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ConsentSubmission_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ConsentSubmission_rejectedById_fkey" FOREIGN KEY ("rejectedById") REFERENCES "Editor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ConsentSubmission_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "ConsentImport" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- Hand-written instead of Prisma's table redefinition, which would drop ConsentImport's
-- append-only triggers: SQLite adds a column with a default in place (no UPDATE runs).
ALTER TABLE "ConsentImport" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'RELEASE';
ALTER TABLE "ConsentImport" ADD COLUMN "reason" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ConsentSubmission_releaseId_key" ON "ConsentSubmission"("releaseId");

-- CreateIndex
CREATE INDEX "ConsentSubmission_status_idx" ON "ConsentSubmission"("status");

-- CreateIndex
CREATE INDEX "ConsentStat_featureId_segmentId_period_idx" ON "ConsentStat"("featureId", "segmentId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentStat_importId_featureId_segmentId_period_key" ON "ConsentStat"("importId", "featureId", "segmentId", "period");

