-- NFKC can expand compatibility characters (㍿ → 株式会社): room for the folded company name.
alter table customer alter column normalized_name set data type varchar(400);
alter table registration alter column normalized_name set data type varchar(400);
