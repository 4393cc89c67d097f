-- Blocking index of the duplicate check: each customer's name keys (see dedup.CompanyName#blockingKeys).
-- Maintained by JPA in the same transaction as the customer row; rebuilt by CustomerNameIndex.
create table customer_name_key (
    customer_id bigint       not null references customer (id),
    name_key    varchar(120) not null,
    primary key (name_key, customer_id)
);
create index ix_customer_name_key_customer on customer_name_key (customer_id);
