{#- safe_divide(numerator, denominator): numerator / denominator in double precision; null
    when the denominator is zero or null (never an error, never infinity). -#}
{% macro safe_divide(numerator, denominator) -%}
    case
        when ({{ denominator }}) != 0
            then cast({{ numerator }} as {{ saas_retention.type_double() }})
            / cast({{ denominator }} as {{ saas_retention.type_double() }})
    end
{%- endmacro %}
