{#- clv_with_expansion(arpa, annual_churn_rate, annual_growth, gross_margin): the
    growth-adjusted CLV in yearly units, 0.5 x (1/c) x (2 x ARPA_y + g x (1/c - 1)) x margin,
    with c the annual churn, ARPA_y = 12 x ARPA and g the yearly growth of an account that stays;
    null when c is 0 or g is unknown. With g = 0 it is ARPA_y / c x margin. -#}
{% macro clv_with_expansion(arpa, annual_churn_rate, annual_growth, gross_margin) -%}
    {%- set lifetime_years = saas_retention.safe_divide('1', annual_churn_rate) -%}
    0.5 * ({{ lifetime_years }})
    * (2 * 12 * ({{ arpa }}) + ({{ annual_growth }}) * (({{ lifetime_years }}) - 1))
    * ({{ gross_margin }})
{%- endmacro %}
