{#- nps_score(promoters, detractors, responses): 100 x (promoters - detractors) / responses,
    from -100 to 100; null without responses. -#}
{% macro nps_score(promoters, detractors, responses) -%}
    100 * {{ saas_retention.safe_divide(
        '(' ~ promoters ~ ') - (' ~ detractors ~ ')', responses) }}
{%- endmacro %}
