{#- raw_table_names(): the seven raw tables of the raw-data contract, in contract order. -#}
{% macro raw_table_names() -%}
    {{ return(['accounts', 'plans', 'subscriptions', 'exchange_rates', 'events',
               'nps_responses', 'marketing_spend']) }}
{%- endmacro %}
