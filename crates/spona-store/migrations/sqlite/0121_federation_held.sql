-- Out-of-order packets are held, not refused (issue 20): a packet whose predecessors in its
-- conversation have not arrived yet is stored `held` (with its receipt: the sender counts it
-- delivered) and accepted — its effects taken, its `ack` queued — when the gap fills. Only
-- `accepted` packets count for a conversation's next number.
ALTER TABLE federation_inbox ADD COLUMN state TEXT NOT NULL DEFAULT 'accepted'
    CHECK (state IN ('accepted', 'held'));
