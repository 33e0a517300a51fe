-- An Idempotency-Key claim is a lease: created_at is when its current holder claimed it, and claim_token names
-- that holder, so a request whose claim lapsed (the instance died, or the database went away before it could
-- release the key) neither completes nor releases the claim a retry took over.
ALTER TABLE idempotency_keys ADD COLUMN claim_token text;
