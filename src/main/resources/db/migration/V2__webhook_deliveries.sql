-- One row per webhook delivery GitHub sent us: a redelivered X-GitHub-Delivery is recognised and ignored.
create table webhook_deliveries (
  delivery_id varchar(100) primary key,
  event       varchar(100) not null,
  received_at timestamp with time zone not null
);

create index webhook_deliveries_received_at_idx on webhook_deliveries (received_at);

-- Installations of the App, for bookkeeping (what accounts have it; removed rows are deleted).
create table installations (
  installation_id bigint primary key,
  account_login   varchar(200) not null,
  updated_at      timestamp with time zone not null
);
