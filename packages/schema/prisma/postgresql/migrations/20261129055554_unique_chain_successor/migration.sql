-- CreateIndex
CREATE UNIQUE INDEX "Version_documentId_previousHash_key" ON "Version"("documentId", "previousHash");

