{#-
    parse_decimal(text_expr): a decimal number written as text ('12', '-3.50', '.5',
    '6.3e-05', as a float column prints) as numeric; null for anything else ('12,5', 'n/a',
    'inf'). Validating with a pattern before casting gives the same answer on every engine (a
    plain cast raises on Postgres and rounds or nulls elsewhere).
-#}
{% macro parse_decimal(text_expr) -%}
    case
        when {{ saas_retention.regexp_like(
            text_expr, "'^[+-]?([0-9]{1,21}([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,2})?$'") }}
            then cast({{ text_expr }} as {{ dbt.type_numeric() }})
    end
{%- endmacro %}
