-- CreateEnum
CREATE TYPE "ConsentReleaseKind" AS ENUM ('RELEASE', 'CORRECTION');

-- DropIndex
DROP INDEX "ConsentStat_featureId_segmentId_period_key";

-- AlterTable
ALTER TABLE "ConsentImport" ADD COLUMN     "kind" "ConsentReleaseKind" NOT NULL DEFAULT 'RELEASE',
ADD COLUMN     "reason" TEXT;

-- CreateTable
CREATE TABLE "ConsentSubmission" (
    "id" TEXT NOT NULL,
    "kind" "ConsentReleaseKind" NOT NULL,
    "status" "VersionStatus" NOT NULL,
    "csv" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "reason" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "submittedById" TEXT NOT NULL,
    "approvedAt" TIMESTAMP(3),
    "approvedById" TEXT,
    "rejectedAt" TIMESTAMP(3),
    "rejectedById" TEXT,
    "rejectionComment" TEXT,
    "releaseId" TEXT,

    CONSTRAINT "ConsentSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsentSubmission_releaseId_key" ON "ConsentSubmission"("releaseId");

-- CreateIndex
CREATE INDEX "ConsentSubmission_status_idx" ON "ConsentSubmission"("status");

-- CreateIndex
CREATE INDEX "ConsentStat_featureId_segmentId_period_idx" ON "ConsentStat"("featureId", "segmentId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentStat_importId_featureId_segmentId_period_key" ON "ConsentStat"("importId", "featureId", "segmentId", "period");

-- AddForeignKey
ALTER TABLE "ConsentSubmission" ADD CONSTRAINT "ConsentSubmission_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "Editor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentSubmission" ADD CONSTRAINT "ConsentSubmission_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "Editor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentSubmission" ADD CONSTRAINT "ConsentSubmission_rejectedById_fkey" FOREIGN KEY ("rejectedById") REFERENCES "Editor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentSubmission" ADD CONSTRAINT "ConsentSubmission_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "ConsentImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

