{#- risk_level(risk_score): `low` with no flag raised, `medium` with one, `high` with two or
    more. -#}
{% macro risk_level(risk_score) -%}
    case
        when {{ risk_score }} >= 2 then 'high'
        when {{ risk_score }} = 1 then 'medium'
        else 'low'
    end
{%- endmacro %}
