-- The vault's custody tree (issue 24 item 4): every custody entry of every vault case is
-- also a leaf of one private append-only RFC 6962 Merkle tree, appended in the transaction
-- of the entry. Its leaves name cases and are never published; only its signed checkpoints
-- are (`/log/custody/checkpoint`), so a rewritten custody entry — even by someone with the
-- database — no longer has its leaf, or forks the tree from a checkpoint someone kept.
-- The tables mirror the public log's; hashes are hex.
CREATE TABLE custody_tree_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    size BIGINT NOT NULL
);
INSERT INTO custody_tree_head (id, size) VALUES (1, 0);

CREATE TABLE custody_tree_leaves (
    seq BIGINT PRIMARY KEY,
    case_id TEXT NOT NULL,
    -- The custody entry's number in its case's chain, and its hash.
    entry_seq BIGINT NOT NULL,
    entry_hash TEXT NOT NULL,
    leaf TEXT NOT NULL
);
CREATE UNIQUE INDEX custody_tree_leaves_entry ON custody_tree_leaves (case_id, entry_seq);

CREATE TABLE custody_tree_nodes (
    level BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE custody_tree_checkpoints (
    size BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    root TEXT NOT NULL,
    note TEXT NOT NULL
);
