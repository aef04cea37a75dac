{#-
    parse_timestamp_utc(text_expr): ISO-8601 text (or a timestamp cast to text) to a UTC
    timestamp without time zone; null when it is not ISO-8601 or not a real instant.
    Accepted: `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fff]]` and an
    offset (`Z`, `+02`, `+02:00`, `-0500`). Text with an offset is converted to UTC; text
    without one is read as UTC whatever the session time zone. The pattern is checked first on
    every engine, so words the engines would otherwise accept (`yesterday`, `epoch`, `now`,
    named zones) are rejected the same way everywhere.
-#}
{% macro parse_timestamp_utc(text_expr) -%}
    case
        when {{ saas_retention.regexp_like(text_expr, saas_retention._iso_timestamp_pattern()) }}
            then {{ adapter.dispatch('parse_timestamp_utc', 'saas_retention')(text_expr) }}
    end
{%- endmacro %}

{#- the ISO-8601 forms we read -#}
{% macro _iso_timestamp_pattern() -%}
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? *([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?)?$'
{%- endmacro %}

{#- a time part ending with an offset -#}
{% macro _timestamp_offset_pattern() -%}
    '[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)? *([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$'
{%- endmacro %}

{% macro default__parse_timestamp_utc(text_expr) -%}
    {{ exceptions.raise_compiler_error(
        "saas_retention has no timestamp parser for the '" ~ target.type ~ "' adapter yet: "
        ~ "add one in macros/cross_db/parse_timestamp_utc.sql") }}
{%- endmacro %}

{% macro duckdb__parse_timestamp_utc(text_expr) -%}
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
            then {{ target.schema }}.saas_retention_try_timestamptz({{ text_expr }})
                at time zone 'UTC'
        else {{ target.schema }}.saas_retention_try_timestamptz({{ text_expr }} || '+00')
            at time zone 'UTC'
    end
{%- endmacro %}

{#- Spark: the session time zone is pinned to UTC in the profile, so text without an offset
    is read as UTC and try_cast returns the UTC instant. -#}
{% macro spark__parse_timestamp_utc(text_expr) -%}
    try_cast({{ text_expr }} as timestamp)
{%- endmacro %}
