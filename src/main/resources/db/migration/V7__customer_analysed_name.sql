-- The analysed company name (dedup.CompanyName) kept with the customer, so a duplicate check compares
-- stored names instead of analysing up to 200 candidates per check. normalized_name already holds `full`.
-- name_version is CompanyNames.ANALYSIS_VERSION at the time of analysis; null = not analysed yet.
-- Existing rows are analysed at start-up (dedup.CustomerNameIndex); until then the check analyses them itself.
alter table customer add column name_core varchar(400);
alter table customer add column name_trade varchar(400);
alter table customer add column name_region varchar(12);
alter table customer add column name_branch boolean;
alter table customer add column name_group boolean;
alter table customer add column name_version integer;
