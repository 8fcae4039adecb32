-- Endorsement campaigns by people (issue 22 item 3). A campaign belongs to an organisation
-- or a network (`owner_kind`, `owner_id`; its admins coordinate it) and may later be linked
-- to a joint text (`joint_text_id`, no foreign key: the texts feature links it).
-- `confirmed_total` and `endorsement_counts` are counters kept in the confirming (and the
-- invalidating) transaction, so that a campaign page never counts rows.
CREATE TABLE endorsement_campaigns (
    id TEXT PRIMARY KEY,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('org', 'network')),
    owner_id TEXT NOT NULL,
    joint_text_id TEXT,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT,
    confirmed_total BIGINT NOT NULL DEFAULT 0 CHECK (confirmed_total >= 0),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX endorsement_campaigns_text ON endorsement_campaigns (joint_text_id);

-- A campaign's title and statement per language (a locale tag).
CREATE TABLE endorsement_campaign_texts (
    campaign_id TEXT NOT NULL REFERENCES endorsement_campaigns (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    statement TEXT NOT NULL,
    PRIMARY KEY (campaign_id, lang)
);

-- One endorsement per canonical address and campaign. The address itself is not kept:
-- `address_key` is a keyed hash (HMAC-SHA256 with the server secret `endorsements`) of its
-- canonical form, `domain` is what the coordinators' review shows; the confirmation mail
-- is in `mail_queue`. `client_key` is a keyed hash of the client's network (IPv4 /24,
-- IPv6 /64), never the address. `token_hash` is the SHA-256 of the confirmation link's
-- token, kept after confirming so that a reused link is told apart from a forged one.
-- Unconfirmed rows are forgotten after 7 days.
CREATE TABLE endorsements (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES endorsement_campaigns (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    organisation TEXT,
    address_key TEXT NOT NULL,
    domain TEXT NOT NULL,
    client_key TEXT NOT NULL,
    locale TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    token_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    invalidated_at BIGINT,
    invalidation_id TEXT,
    UNIQUE (campaign_id, address_key)
);
CREATE UNIQUE INDEX endorsements_token ON endorsements (token_hash);
CREATE INDEX endorsements_pending ON endorsements (created_at) WHERE confirmed_at IS NULL;
CREATE INDEX endorsements_campaign_time ON endorsements (campaign_id, created_at);
CREATE INDEX endorsements_campaign_domain ON endorsements (campaign_id, domain);

-- Confirmed, not invalidated endorsements per campaign and country.
CREATE TABLE endorsement_counts (
    campaign_id TEXT NOT NULL REFERENCES endorsement_campaigns (id) ON DELETE CASCADE,
    country TEXT NOT NULL,
    confirmed BIGINT NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
    PRIMARY KEY (campaign_id, country)
);
