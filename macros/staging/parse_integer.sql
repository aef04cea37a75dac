{#-
    parse_integer(text_expr): a whole number written as digits ('3', '+3', '-1') as integer;
    null for anything else ('7.5' is not rounded to 8, as DuckDB's try_cast would do).
-#}
{% macro parse_integer(text_expr) -%}
    case
        when {{ saas_retention.regexp_like(text_expr, "'^[+-]?[0-9]{1,9}$'") }}
            then cast({{ text_expr }} as {{ dbt.type_int() }})
    end
{%- endmacro %}
