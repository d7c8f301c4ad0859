-- Check characters and dates of the daily feed's customers and accounts, for checking a staged
-- file in SQL (src/modules/feed/customer-rows.ts, account-rows.ts). Each is one SQL expression, so PostgreSQL inlines
-- it into the query: a function call per row would cost more than the check. The rules are those
-- of src/common/validators (resident-id.ts, credit-code.ts, organization-code.ts) and feedDate;
-- a row these pass is one those pass (the feed's tests load rows through both).

-- YYYYMMDD as a date when it is a real calendar date from 1900 on, else null. It runs three times
-- per line of a million-line file, so it is written for speed: a length and an open pattern (a
-- bounded repeat such as {8} is several times slower in PostgreSQL), the parts by arithmetic on
-- one integer rather than by substrings, the month's length by arithmetic.
create function feed_date_of(y int, m int, d int) returns date language sql immutable parallel safe as $$
  select case when y >= 1900 and m between 1 and 12
    and d between 1 and case m when 2 then 28 + (y % 4 = 0 and (y % 100 <> 0 or y % 400 = 0))::int else 30 + (m + m / 8) % 2 end
    then make_date(y, m, d) end
$$;

create function feed_date(v text) returns date language sql immutable parallel safe as $$
  select case when octet_length(v) = 8 and v ~ '^[0-9]+$' then feed_date_of(v::int / 10000, v::int / 100 % 100, v::int % 100) end
$$;

-- GB 11643 (ISO 7064 MOD 11-2) check character of an identity number's first 17 digits (the caller checks they are digits).
create function gb11643_check_character(id text) returns text language sql immutable parallel safe as $$
  select substr('10X98765432', (7 * substr(id, 1, 1)::int + 9 * substr(id, 2, 1)::int + 10 * substr(id, 3, 1)::int + 5 * substr(id, 4, 1)::int
    + 8 * substr(id, 5, 1)::int + 4 * substr(id, 6, 1)::int + 2 * substr(id, 7, 1)::int + 1 * substr(id, 8, 1)::int
    + 6 * substr(id, 9, 1)::int + 3 * substr(id, 10, 1)::int + 7 * substr(id, 11, 1)::int + 9 * substr(id, 12, 1)::int
    + 10 * substr(id, 13, 1)::int + 5 * substr(id, 14, 1)::int + 8 * substr(id, 15, 1)::int
    + 4 * substr(id, 16, 1)::int + 2 * substr(id, 17, 1)::int) % 11 + 1, 1)
$$;

-- Value of a character of a unified social credit code (GB 32100 alphabet, 0–30; -1 outside it).
create function gb32100_value(c text) returns int language sql immutable parallel safe as $$
  select strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', c) - 1
$$;

-- GB 32100 check character of a credit code's first 17 characters (the caller checks the alphabet).
create function gb32100_check_character(code text) returns text language sql immutable parallel safe as $$
  select substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (31 - (gb32100_value(substr(code, 1, 1)) + 3 * gb32100_value(substr(code, 2, 1))
    + 9 * gb32100_value(substr(code, 3, 1)) + 27 * gb32100_value(substr(code, 4, 1)) + 19 * gb32100_value(substr(code, 5, 1))
    + 26 * gb32100_value(substr(code, 6, 1)) + 16 * gb32100_value(substr(code, 7, 1)) + 17 * gb32100_value(substr(code, 8, 1))
    + 20 * gb32100_value(substr(code, 9, 1)) + 29 * gb32100_value(substr(code, 10, 1)) + 25 * gb32100_value(substr(code, 11, 1))
    + 13 * gb32100_value(substr(code, 12, 1)) + 8 * gb32100_value(substr(code, 13, 1)) + 24 * gb32100_value(substr(code, 14, 1))
    + 10 * gb32100_value(substr(code, 15, 1)) + 30 * gb32100_value(substr(code, 16, 1)) + 28 * gb32100_value(substr(code, 17, 1))) % 31) % 31 + 1, 1)
$$;

-- GB 11714 check character of an organisation code's 8 body characters (digits, A–Z; the caller checks them).
create function gb11714_check_character(body text) returns text language sql immutable parallel safe as $$
  select substr('0123456789X0', 11 - (3 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 1, 1)) - 1)
    + 7 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 2, 1)) - 1)
    + 9 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 3, 1)) - 1)
    + 10 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 4, 1)) - 1)
    + 5 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 5, 1)) - 1)
    + 8 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 6, 1)) - 1)
    + 4 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 7, 1)) - 1)
    + 2 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 8, 1)) - 1)) % 11 + 1, 1)
$$;

-- Length of a text as JavaScript counts it (UTF-16 code units: a character outside the BMP is 2),
-- the measure of the feed's length limits.
create function utf16_length(v text) returns int language sql immutable parallel safe as $$
  select char_length(v) + char_length(regexp_replace(v, '[^\U00010000-\U0010FFFF]', '', 'g'))
$$;
