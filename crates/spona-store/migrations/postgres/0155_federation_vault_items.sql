-- Vault items that arrived from an organisation on a partner deployment (issue 20, item 5).
-- They are kept apart from `vault_*` (whose cases belong to a team of local people): one
-- case here per partner, receiving organisation, sending organisation and the sender's case.

CREATE TABLE federation_vault_cases (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES federation_partners (id),
    local_org TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    remote_org TEXT NOT NULL,
    sender_case TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (partner_id, local_org, remote_org, sender_case)
);

-- One item as it arrived: its bytes still age-encrypted to the receiving organisation
-- (`ciphertext`, base64), its SHA-256 and size, the name and the hand-over record
-- (`spona_federation::Handover` as JSON: the sender's custody up to the hand-over, signed)
-- sealed with the federation's sealing key (owners `fed-vault-item:<id>:name|handover`),
-- and the sending deployment's key that signed it.
CREATE TABLE federation_vault_items (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES federation_vault_cases (id) ON DELETE CASCADE,
    packet_id TEXT NOT NULL UNIQUE,
    sender_item TEXT NOT NULL,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    media_type TEXT NOT NULL,
    name_sealed TEXT NOT NULL,
    handover_sealed TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    sender_key TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (case_id, sender_item)
);

-- This side's custody chain of such a case (`spona_vault::custody` entries, hash-linked,
-- chain id `fed-vault:<case id>`): `received` per item, with the partner as actor.
CREATE TABLE federation_vault_custody (
    case_id TEXT NOT NULL REFERENCES federation_vault_cases (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    reason TEXT NOT NULL,
    item_sha256 TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
);
