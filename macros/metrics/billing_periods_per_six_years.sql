{#- billing_periods_per_six_years(billing_interval): how many billing periods six years hold, a
    whole number for every interval (six years: the least common multiple of them all): `week`
    312 (52 a year), `month` 72, `quarter` 24, `half_year` 12, `year` 6, `two_year` 3,
    `three_year` 2. -#}
{% macro billing_periods_per_six_years(billing_interval) -%}
    case {{ billing_interval }}
        when 'week' then 312
        when 'month' then 72
        when 'quarter' then 24
        when 'half_year' then 12
        when 'year' then 6
        when 'two_year' then 3
        when 'three_year' then 2
    end
{%- endmacro %}
