-- Referrals across deployments (issue 20).

-- The services a partner's organisations publish for referrals, as its last verified key
-- document listed them. `asks`: the person's fields a referral carries, comma-separated.
CREATE TABLE federation_partner_services (
    partner_id TEXT NOT NULL REFERENCES federation_partners (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    asks TEXT NOT NULL,
    PRIMARY KEY (partner_id, service_id)
);

-- A referral to (`out`) or from (`in`) an organisation on a partner deployment. Its packets
-- are one conversation each way, `referral:<sender_ref>`, where `sender_ref` is the sending side's id
-- (the row's own id when `out`). The person's fields, the reason and the consent's terms
-- are sealed with the federation's sealing key (owners `fed-referral:<id>:…`) and erased
-- (NULL) when consent is withdrawn on the receiving side.
CREATE TABLE federation_referrals (
    id TEXT PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    partner_id TEXT NOT NULL REFERENCES federation_partners (id),
    sender_ref TEXT NOT NULL,
    local_org TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    remote_org TEXT NOT NULL,
    service_id TEXT NOT NULL,
    service_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'more-info', 'accepted', 'declined', 'closed', 'withdrawn')),
    urgent BOOLEAN NOT NULL,
    person_sealed TEXT,
    reason_sealed TEXT,
    consent_sealed TEXT,
    consent_until BIGINT NOT NULL,
    outcome TEXT,
    referred_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    withdrawn_at BIGINT,
    UNIQUE (partner_id, direction, sender_ref)
);
CREATE INDEX federation_referrals_org ON federation_referrals (local_org, created_at);

-- Notes on such a referral, from this side (`author` set) or the other (`author` NULL),
-- sealed (owner `fed-referral-note:<id>`).
CREATE TABLE federation_referral_notes (
    id TEXT PRIMARY KEY,
    referral_id TEXT NOT NULL REFERENCES federation_referrals (id) ON DELETE CASCADE,
    from_here BOOLEAN NOT NULL,
    author TEXT REFERENCES users (id) ON DELETE SET NULL,
    text_sealed TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX federation_referral_notes_referral ON federation_referral_notes (referral_id, created_at);

-- Each side's custody chain of the referral (`spona_vault::custody` entries, hash-linked):
-- made, sent, received, viewed, answered, noted, outcome, withdrawn, erased. `actor` is a
-- user id here or `partner:<partner id>` for what the other side did.
CREATE TABLE federation_referral_custody (
    referral_id TEXT NOT NULL REFERENCES federation_referrals (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (referral_id, seq)
);
