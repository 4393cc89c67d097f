-- Contact data (contact name, phone, email) is stored encrypted (AES-GCM, see privacy.ContactCrypto);
-- phones and emails are matched through keyed blind indexes (HMAC-SHA256 of the normalised value).
alter table customer alter column contact_name set data type varchar(512);
alter table customer alter column phone set data type varchar(512);
alter table customer alter column email set data type varchar(1024);
alter table customer add column phone_hash varchar(64);
alter table customer add column email_hash varchar(64);
drop index ix_customer_phone;
create index ix_customer_phone_hash on customer (phone_hash);
create index ix_customer_email_hash on customer (email_hash);

alter table registration alter column contact_name set data type varchar(512);
alter table registration alter column phone set data type varchar(512);
alter table registration alter column email set data type varchar(1024);
