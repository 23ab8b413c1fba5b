-- Which installation's account (lower case) a model call was charged to: budgets per installation sum it per day.
-- Rows from before this column have none and count only toward the shared budgets.
alter table model_spend add column account varchar(200);

create index model_spend_account_day_idx on model_spend (account, spend_day);
