-- CreateTable
CREATE TABLE "Subscriber" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT NOT NULL,
    "segmentKey" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL DEFAULT '',
    "mode" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" DATETIME
);

-- CreateTable
CREATE TABLE "MailDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "subscriberId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    "lastError" TEXT,
    "unsubscribeTokenHash" TEXT,
    CONSTRAINT "MailDelivery_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "NotificationEvent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MailDelivery_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_confirmTokenHash_key" ON "Subscriber"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "Subscriber_confirmExpiresAt_idx" ON "Subscriber"("confirmExpiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_address_segmentKey_subject_subjectKey_mode_key" ON "Subscriber"("address", "segmentKey", "subject", "subjectKey", "mode");

-- CreateIndex
CREATE UNIQUE INDEX "MailDelivery_unsubscribeTokenHash_key" ON "MailDelivery"("unsubscribeTokenHash");

-- CreateIndex
CREATE INDEX "MailDelivery_status_nextAttemptAt_idx" ON "MailDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "MailDelivery_eventId_subscriberId_key" ON "MailDelivery"("eventId", "subscriberId");

