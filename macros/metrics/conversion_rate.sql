{#- conversion_rate(converted, eligible): the share of a group that reached a step (trials
    that convert, signups that activate or complete onboarding). -#}
{% macro conversion_rate(converted, eligible) -%}
    {{ saas_retention.safe_divide(converted, eligible) }}
{%- endmacro %}
