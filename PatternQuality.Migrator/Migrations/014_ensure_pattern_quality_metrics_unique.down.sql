-- 014 only ensures a constraint that 002 already creates; the constraint stays with 002,
-- so there is nothing to undo here.
SELECT 1;
