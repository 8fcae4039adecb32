-- Withdrawal of consent to a vault item handed over to a partner's organisation (lane fed,
-- issue 20).
--
-- Sending side: every hand-over of an item to a partner's organisation (the `vault-item`
-- packet), so that when consent no longer names that organisation a `vault-withdrawn`
-- packet goes to it, once (`withdrawal_packet` set in the transaction of the consent
-- change; `withdrawal_unsent` says why none could be queued, e.g. the organisations no
-- longer exchange).
CREATE TABLE federation_vault_sent (
    packet_id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    partner_id TEXT NOT NULL REFERENCES federation_partners (id),
    from_org TEXT NOT NULL,
    to_org TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    withdrawal_packet TEXT,
    withdrawal_unsent TEXT,
    withdrawn_at BIGINT
);

CREATE INDEX federation_vault_sent_item ON federation_vault_sent (item_id);

-- Receiving side: a received item whose consent was withdrawn at the sender; it is no
-- longer opened or downloaded (the custody chain of its case records `withdrawn`).
CREATE TABLE federation_vault_withdrawn (
    item_id TEXT PRIMARY KEY REFERENCES federation_vault_items (id) ON DELETE CASCADE,
    packet_id TEXT NOT NULL UNIQUE,
    withdrawn_at BIGINT NOT NULL
);
