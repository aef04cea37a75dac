{#- nps_category(score): `promoter` for 9-10, `passive` for 7-8, `detractor` for 0-6. -#}
{% macro nps_category(score) -%}
    case
        when {{ score }} >= 9 then 'promoter'
        when {{ score }} >= 7 then 'passive'
        when {{ score }} >= 0 then 'detractor'
    end
{%- endmacro %}
