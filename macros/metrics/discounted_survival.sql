{#- discounted_survival(survival, t, annual_discount_rate): S(t) / (1 + d)^t with the monthly
    rate d = (1 + annual rate)^(1/12) - 1, that is S(t) / (1 + annual rate)^(t/12): one term of
    the discounted expected lifetime (DEL = the sum over t = 0..1199, S(0) = 1). -#}
{% macro discounted_survival(survival, t, annual_discount_rate) -%}
    (({{ survival }}) / power(1 + ({{ annual_discount_rate }}), ({{ t }}) / 12.0))
{%- endmacro %}
