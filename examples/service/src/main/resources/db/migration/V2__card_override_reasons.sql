-- The override reason codes each card offered (system|code, comma-separated; '' for none), so that feedback can only
-- give one of them. NULL for cards issued before this migration: for those, any well-formed code is still accepted.
ALTER TABLE issued_card ADD COLUMN override_reasons VARCHAR(2000);
