{#-
    parse_timestamp_utc(text_expr): ISO-8601 text (or a timestamp cast to text) to a UTC
    timestamp without time zone; null when the text does not parse.
    Text with an offset (`Z`, `+02:00`, `-0500`) is converted to UTC; text without one is
    taken as UTC whatever the session time zone.
-#}
{% macro parse_timestamp_utc(text_expr) -%}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'saas_retention')(text_expr)) }}
{%- endmacro %}

{#- the offset that ends an ISO-8601 timestamp with a time part -#}
{% macro _timestamp_offset_pattern() -%}
    '[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? *([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$'
{%- endmacro %}

{% macro default__parse_timestamp_utc(text_expr) -%}
    case
        when {{ saas_retention.regexp_like(text_expr, saas_retention._timestamp_offset_pattern()) }}
            then timezone('UTC', try_cast({{ text_expr }} as timestamptz))
        else try_cast({{ text_expr }} as timestamp)
    end
{%- endmacro %}

{#- Postgres has no try-cast: saas_retention_try_timestamptz() is created by the
    on-run-start hook create_cross_db_functions(). -#}
{% macro postgres__parse_timestamp_utc(text_expr) -%}
    case
        when {{ saas_retention.regexp_like(text_expr, saas_retention._timestamp_offset_pattern()) }}
            then {{ target.schema }}.saas_retention_try_timestamptz({{ text_expr }}) at time zone 'UTC'
        else {{ target.schema }}.saas_retention_try_timestamptz({{ text_expr }} || '+00') at time zone 'UTC'
    end
{%- endmacro %}

{#- Spark: the session time zone is pinned to UTC in the profile, so text without an offset
    is read as UTC and try_cast returns the UTC instant. -#}
{% macro spark__parse_timestamp_utc(text_expr) -%}
    try_cast({{ text_expr }} as timestamp)
{%- endmacro %}
