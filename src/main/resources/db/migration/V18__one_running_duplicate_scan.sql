-- At most one duplicate scan runs (duplicates.DuplicateScanService.start): running_slot is 1 while a scan runs and null
-- once it is done or failed, and a unique constraint (which allows any number of nulls) refuses a second running one
-- even when two admins start a scan at the same moment (a check-then-insert alone lets both in).
alter table duplicate_scan add column running_slot smallint;
update duplicate_scan set running_slot = 1
    where id = (select max(id) from duplicate_scan where state = 'RUNNING');
update duplicate_scan set state = 'FAILED' where state = 'RUNNING' and running_slot is null;
alter table duplicate_scan add constraint uq_duplicate_scan_running unique (running_slot);
alter table duplicate_scan add constraint ck_duplicate_scan_running
    check ((state = 'RUNNING') = (running_slot is not null));
