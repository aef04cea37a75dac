{#-
    parse_decimal(text_expr): a plain decimal number written as text ('12', '-3.50') as
    numeric; null for anything else ('1e3', '12,5', 'n/a'). Validating with a pattern before
    casting gives the same answer on every engine (a plain cast raises on Postgres and rounds
    or nulls elsewhere).
-#}
{% macro parse_decimal(text_expr) -%}
    case
        when {{ saas_retention.regexp_like(text_expr, "'^[+-]?[0-9]{1,21}([.][0-9]+)?$'") }}
            then cast({{ text_expr }} as {{ dbt.type_numeric() }})
    end
{%- endmacro %}
