-- The SHA-256 of each delivery's signed body. X-GitHub-Delivery is not signed: a captured body replayed under a new
-- delivery id has the same hash and is recognised as a repeat. Rows from before have none (NULLs never collide).
alter table webhook_deliveries add column body_sha256 varchar(64);

create unique index webhook_deliveries_body_sha256_idx on webhook_deliveries (body_sha256);
