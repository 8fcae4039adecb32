-- The organisation a notice names (a partner that accepted or wrote a check-in), so that the
-- home page shows its name in the reader's language; NULL when the subject is a person or a
-- round.
ALTER TABLE notifications ADD COLUMN subject_org TEXT;
