{#-
    parse_date(text_expr): the calendar date written at the start of an ISO-8601 text
    ('2024-03-01', '2024-03-01T00:00:00+01:00' is March 1: a date column is not shifted to
    UTC); null when it is not a real date.
-#}
{% macro parse_date(text_expr) -%}
    cast({{ saas_retention.parse_timestamp_utc(
        'case when ' ~ saas_retention.regexp_like(text_expr, saas_retention._iso_timestamp_pattern())
        ~ ' then substring(' ~ text_expr ~ ', 1, 10) end') }} as date)
{%- endmacro %}
