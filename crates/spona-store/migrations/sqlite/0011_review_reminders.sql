-- Reminders sent to a resource's owners when its review date has passed: one per resource and
-- review date, so each overdue date is mailed once and a new date, once passed, again.
CREATE TABLE resource_review_reminders (
    resource_id TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    review_due BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (resource_id, review_due)
);
