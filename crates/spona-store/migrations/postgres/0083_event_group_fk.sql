-- An event posted into a working group now refers to it: `events.group_id` gets a foreign
-- key to `working_groups` (ON DELETE SET NULL: the event stays, no longer the group's).
-- A `group_id` that names no group (none can be made through Spona, but rows written by
-- hand may hold one) is kept as NULL rather than refusing the migration.
UPDATE events SET group_id = NULL
 WHERE group_id IS NOT NULL AND group_id NOT IN (SELECT id FROM working_groups);
ALTER TABLE events ADD CONSTRAINT events_group_id_fkey
    FOREIGN KEY (group_id) REFERENCES working_groups (id) ON DELETE SET NULL;
