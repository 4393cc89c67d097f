-- 报备时效 and review escalation (io.baobei.registration, RegistrationPolicy.dmn).
-- late / late_hours / reporting_limit_hours: set at submission (and again at a revision, which may correct the
-- first-contact date); hours are counted from the end of the first-contact day (Asia/Shanghai) to the first
-- submission. Null for registrations submitted before this version: their timeliness was never measured.
alter table registration add column late boolean;
alter table registration add column late_hours integer;
alter table registration add column reporting_limit_hours integer;
-- when the open review was escalated to the directors (sales-directors); reset when a new review round starts
alter table registration add column review_escalated_at timestamp with time zone;
