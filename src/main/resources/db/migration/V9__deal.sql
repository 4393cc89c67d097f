-- 成交: the deal a won customer was closed with (customer.Deal), set by OwnershipService.convert. Customers converted
-- before this version have none; a deal has both values and a positive amount in yuan.
alter table customer add column deal_amount numeric(14, 2);
alter table customer add column deal_signed_on date;
alter table customer add constraint ck_customer_deal
    check ((deal_amount is null and deal_signed_on is null)
        or (deal_amount is not null and deal_signed_on is not null and deal_amount > 0));
