{#-
    as_of_date_problem(): what is wrong with the `as_of_date` variable, in words, or an empty
    string when it is a real date written YYYY-MM-DD (or null: today).
-#}
{% macro as_of_date_problem() -%}
    {%- set value = (var('as_of_date') or run_started_at.strftime('%Y-%m-%d')) | string -%}
    {%- set match = modules.re.match('^([0-9]{4})-([0-9]{2})-([0-9]{2})$', value) -%}
    {%- set advice = " Set it to a real day, e.g. --vars '{as_of_date: 2026-11-30}', or leave it unset for today (UTC)." -%}
    {%- if not match -%}
        {{ return("The variable as_of_date must be a date written YYYY-MM-DD, got '" ~ value ~ "'." ~ advice) }}
    {%- endif -%}
    {%- set year, month, day = match.group(1) | int, match.group(2) | int, match.group(3) | int -%}
    {%- if year < 1 or month < 1 or month > 12 or day < 1 -%}
        {{ return("The variable as_of_date is not a real date: '" ~ value ~ "'." ~ advice) }}
    {%- endif -%}
    {%- set leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) -%}
    {%- set days_in_month = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] -%}
    {%- if day > days_in_month -%}
        {{ return("The variable as_of_date is not a real date: '" ~ value ~ "' (that month has "
                  ~ days_in_month ~ " days)." ~ advice) }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
