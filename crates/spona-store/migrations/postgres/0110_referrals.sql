-- Referrals (issue 19): case workers, referrals between organisations, their notes, their
-- custody chain, and hotline intakes. Every value about a person is sealed with the vault's
-- per-item keys (`*_sealed`, base64 of a `spona_vault::SealedField`); the clear columns are
-- routing (organisations, service), state and coarse statistics (service kind, countries,
-- age band, gender, month, outcome).

-- Named case workers of an organisation, given by its admins. `may_override`: may refer
-- without the person's recorded consent (with a reason; flagged wherever shown).
CREATE TABLE referral_workers (
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    may_override BOOLEAN NOT NULL DEFAULT FALSE,
    granted_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX referral_workers_user ON referral_workers (user_id);

CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    from_org TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    to_org TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    service_id TEXT NOT NULL,
    service_kind TEXT NOT NULL,
    from_country TEXT NOT NULL,
    to_country TEXT NOT NULL,
    referred_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    urgent BOOLEAN NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'more-info', 'accepted', 'declined', 'closed', 'withdrawn')),
    age_band TEXT NOT NULL,
    gender TEXT NOT NULL,
    person_sealed TEXT NOT NULL,
    reason_sealed TEXT NOT NULL,
    consent_how TEXT NOT NULL CHECK (consent_how IN ('verbal', 'signed', 'override')),
    consent_until BIGINT,
    consent_sealed TEXT,
    override_sealed TEXT,
    outcome TEXT,
    answered_at BIGINT,
    withdrawn_at BIGINT,
    reminded_at BIGINT,
    intake_id TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((consent_how = 'override') = (override_sealed IS NOT NULL)),
    CHECK (from_org <> to_org)
);
CREATE INDEX referrals_from ON referrals (from_org, created_at);
CREATE INDEX referrals_to ON referrals (to_org, created_at);
CREATE INDEX referrals_due ON referrals (urgent, status, created_at);

-- Answers, follow-up notes and outcomes. `side` is who wrote it; `shared`: whether the
-- receiving side reports it back to the referring side (the referring side's own notes are
-- always seen by both). `withdrawn`: written before consent was withdrawn.
CREATE TABLE referral_notes (
    id TEXT PRIMARY KEY,
    referral_id TEXT NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('from', 'to')),
    kind TEXT NOT NULL CHECK (kind IN ('accept', 'more-info', 'decline', 'note', 'outcome', 'reply')),
    shared BOOLEAN NOT NULL,
    author TEXT REFERENCES users (id) ON DELETE SET NULL,
    body_sealed TEXT NOT NULL,
    withdrawn BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);
CREATE INDEX referral_notes_referral ON referral_notes (referral_id, created_at);

-- Every view and change of a referral: a hash chain as `spona_vault::custody` computes it
-- (`case_id` is `referral:<id>`; the reason is always empty: nothing of the person here).
CREATE TABLE referral_custody (
    referral_id TEXT NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (referral_id, seq)
);

-- Hotline intakes: a call or a walk-in, safety first. `sealed` holds the person's words,
-- the safe way to call back and notes.
CREATE TABLE referral_intakes (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    taken_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    channel TEXT NOT NULL CHECK (channel IN ('call', 'walk-in')),
    in_danger TEXT NOT NULL CHECK (in_danger IN ('yes', 'no', 'unknown')),
    safe_to_talk TEXT NOT NULL CHECK (safe_to_talk IN ('yes', 'no', 'unknown')),
    sealed TEXT NOT NULL,
    referral_id TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX referral_intakes_org ON referral_intakes (org_id, created_at);
