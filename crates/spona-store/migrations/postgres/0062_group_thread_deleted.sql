-- When the thread's author or a coordinator deleted it (the reason is in the audit log).
-- A deleted thread is left out of lists, search and digests, takes no reply, and its
-- posts and files are not shown.
ALTER TABLE group_threads ADD COLUMN deleted_at BIGINT;
