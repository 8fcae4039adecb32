-- Pieces of a large vault item's ciphertext sent ahead of its `vault-item` packet (issue 20,
-- item 5; `spona_federation::chunks`). Each is checked against its own SHA-256 when it
-- arrives and staged here under the sender's transfer id (`item_id` empty). When the
-- `vault-item` arrives and the whole ciphertext holds (every chunk, its SHA-256 and size,
-- age decryption, the original's SHA-256), its chunks are bound to the stored item
-- (`item_id`), whose `ciphertext` is then empty: the item's bytes are these chunks in
-- `idx` order, still age-encrypted to the receiving organisation. A refused item's chunks
-- are deleted.
CREATE TABLE federation_vault_chunks (
    partner_id TEXT NOT NULL REFERENCES federation_partners (id),
    transfer TEXT NOT NULL,
    idx BIGINT NOT NULL,
    chunk_count BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    -- The chunk's bytes, base64, as they arrived.
    bytes TEXT NOT NULL,
    packet_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    item_id TEXT REFERENCES federation_vault_items (id) ON DELETE CASCADE,
    PRIMARY KEY (partner_id, transfer, idx)
);

CREATE INDEX federation_vault_chunks_item ON federation_vault_chunks (item_id, idx);
