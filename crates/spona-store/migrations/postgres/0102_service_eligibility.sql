-- A service's eligibility note in words, per content language (issue 19's form): who may
-- come beyond the coded genders, age bands and statuses. Empty when not written.
ALTER TABLE service_texts ADD COLUMN eligibility TEXT NOT NULL DEFAULT '';
