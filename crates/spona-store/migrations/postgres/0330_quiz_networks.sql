-- Awareness quizzes run by a network (issue 23, lane quiz23): a campaign may belong to a
-- network; then the network's coordinators (the admins of its coordinating organisation,
-- as it is now) coordinate it, and `org_id` only records the organisation that ran the
-- network when the campaign was opened. NULL: an organisation's own campaign.
ALTER TABLE quiz_campaigns ADD COLUMN network_id TEXT REFERENCES networks (id) ON DELETE CASCADE;
CREATE INDEX quiz_campaigns_network ON quiz_campaigns (network_id);
