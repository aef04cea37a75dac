{#-
    parse_number(text_expr, kind): a trimmed raw number as its kind's type (raw_number_kinds),
    exactly as written (an amount's 9th decimal and a rate's 13th are rounded half away from
    zero); null when number_check finds it unusable. A count is read through a double, exact
    for whole numbers of up to 9 digits ('3', '3.0', '1e3').
-#}
{% macro parse_number(text_expr, kind) -%}
    {%- set data_type = saas_retention.raw_number_kinds()[kind]['data_type'] -%}
    case
        when {{ saas_retention.number_check(text_expr, 'value', kind) }} is null
            then cast(
                {%- if kind == 'count' %}
                cast({{ text_expr }} as {{ saas_retention.type_double() }})
                {%- else %}
                {{ text_expr }}
                {%- endif %}
                as {{ data_type }})
    end
{%- endmacro %}
