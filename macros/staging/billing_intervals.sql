{#- billing_intervals(): the billing intervals staging accepts, as an SQL list (each has its
    periods in billing_periods_per_six_years); any other value is quarantined as
    `unknown billing_interval`. -#}
{% macro billing_intervals() -%}
    ('week', 'month', 'quarter', 'half_year', 'year', 'two_year', 'three_year')
{%- endmacro %}
