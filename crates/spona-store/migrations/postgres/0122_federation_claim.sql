-- Two senders on one database (issue 20): a sender claims the packets it is about to post
-- until `claimed_until` (a lease longer than one attempt), so that two `spona serve`
-- processes over one PostgreSQL never post the same packet; a claim that ran out (its
-- sender died) is taken again. The outcome of an attempt clears the claim.
ALTER TABLE federation_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE federation_outbox ADD COLUMN claimed_until BIGINT;
