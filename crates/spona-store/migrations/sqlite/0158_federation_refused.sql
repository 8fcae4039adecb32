-- A held packet refused when its turn came (issue 20): its checks failed once the gap
-- before it filled. It keeps its place in the conversation (`state` = 'accepted', so the
-- packets after it proceed) and says why here; none of its effects were taken, and the
-- sender was told with a refusal in its `ack`.
ALTER TABLE federation_inbox ADD COLUMN refused TEXT;
