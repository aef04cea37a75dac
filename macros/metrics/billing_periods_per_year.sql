{#- billing_periods_per_year(billing_interval): 12, 4 or 1 for `month`, `quarter`, `year`
    (12 / the months in the interval, as a whole number on every engine). -#}
{% macro billing_periods_per_year(billing_interval) -%}
    case {{ billing_interval }}
        when 'month' then 12
        when 'quarter' then 4
        when 'year' then 1
    end
{%- endmacro %}
