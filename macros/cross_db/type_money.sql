{#- type_money(): the type of every money amount in the marts, an exact decimal with cents:
    38 digits, 2 after the point (the same on every engine). -#}
{% macro type_money() -%}
    decimal(38, 2)
{%- endmacro %}
