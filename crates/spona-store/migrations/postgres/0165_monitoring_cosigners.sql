-- Saved shadow reports and their co-signers' consent (issue 21, lane montrial). A report that
-- names co-signing organisations is saved: its choices (the download's query string, without
-- the co-signers) and one row per named organisation, pending until an admin of that
-- organisation confirms or declines. The documents list only confirmed co-signers.
CREATE TABLE monitoring_reports (
    id TEXT PRIMARY KEY,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    choices TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE monitoring_report_cosigners (
    report_id TEXT NOT NULL REFERENCES monitoring_reports (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'confirmed', 'declined')),
    decided_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    decided_at BIGINT,
    PRIMARY KEY (report_id, org_id),
    CHECK ((state = 'pending') = (decided_at IS NULL))
);
CREATE INDEX monitoring_report_cosigners_org ON monitoring_report_cosigners (org_id, state);
