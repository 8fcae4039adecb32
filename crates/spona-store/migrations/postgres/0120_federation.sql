-- Federation (issue 20): organisations' age identities, partner deployments and which
-- organisations exchange with which, and the packets sent (a durable outbox) and received.
-- The deployment's Ed25519 signing key and the key that seals the identities are files in
-- DATA_DIR/federation/, never in the database.

-- Each local organisation's age (X25519) identity: the recipient is public (served in the
-- key document); the identity is sealed (`spona_vault::SealedField`, owner
-- `federation-org:<org id>`).
CREATE TABLE federation_org_keys (
    org_id TEXT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    identity_sealed TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A partner deployment, pinned by its signing key (whose fingerprint an admin confirmed).
-- A document naming another key puts it in `pending_*` and the partner in `key-changed`:
-- nothing is sent to it or accepted from it until an admin confirms the new fingerprint.
CREATE TABLE federation_partners (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    base_url TEXT NOT NULL UNIQUE,
    inbox TEXT NOT NULL,
    signing_key TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'key-changed')),
    pending_key TEXT,
    pending_fingerprint TEXT,
    added_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    added_at BIGINT NOT NULL,
    checked_at BIGINT NOT NULL
);

-- The partner's organisations as its last verified document listed them.
CREATE TABLE federation_partner_orgs (
    partner_id TEXT NOT NULL REFERENCES federation_partners (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    recipient TEXT NOT NULL,
    PRIMARY KEY (partner_id, org_id)
);

-- Which local organisation may exchange packets with which of the partner's (both ways).
CREATE TABLE federation_links (
    partner_id TEXT NOT NULL REFERENCES federation_partners (id) ON DELETE CASCADE,
    local_org TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    remote_org TEXT NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (partner_id, local_org, remote_org)
);

-- Packets to send, queued in the transaction of the change they carry. `seq` numbers the
-- packets of one conversation from 1; the sender sends them in that order, one at a time.
CREATE TABLE federation_outbox (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES federation_partners (id),
    from_org TEXT NOT NULL,
    to_org TEXT NOT NULL,
    conversation TEXT NOT NULL,
    seq BIGINT NOT NULL,
    kind TEXT NOT NULL,
    envelope TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'delivered', 'accepted', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT,
    last_error TEXT,
    receipt TEXT,
    UNIQUE (partner_id, conversation, seq)
);
CREATE INDEX federation_outbox_due ON federation_outbox (state, next_at);

-- Packets received: the signed envelope as it came (its body still encrypted to the
-- organisation), the opened body sealed (owner `federation-packet:<id>`), the receipt sent.
CREATE TABLE federation_inbox (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES federation_partners (id),
    from_org TEXT NOT NULL,
    to_org TEXT NOT NULL REFERENCES organisations (id),
    conversation TEXT NOT NULL,
    seq BIGINT NOT NULL,
    kind TEXT NOT NULL,
    envelope TEXT NOT NULL,
    body_sealed TEXT NOT NULL,
    receipt TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (partner_id, conversation, seq)
);
