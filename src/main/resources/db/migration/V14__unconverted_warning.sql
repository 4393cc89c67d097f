-- 长期未成交预警: when the protection process flagged the customer as protected for more than the policy's share of
-- its period without a deal (ProtectionPolicy.dmn, unconvertedShare). The flag belongs to the current protection:
-- it is shown only while the customer is protected and the time is not before protected_since, so a new protection
-- starts unflagged without clearing it.
alter table customer add column unconverted_warned_at timestamp with time zone;
