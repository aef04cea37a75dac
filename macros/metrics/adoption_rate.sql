{#- adoption_rate(accounts_using, active_accounts): accounts that used a feature in the month
    over accounts with any event that month. -#}
{% macro adoption_rate(accounts_using, active_accounts) -%}
    {{ saas_retention.safe_divide(accounts_using, active_accounts) }}
{%- endmacro %}
