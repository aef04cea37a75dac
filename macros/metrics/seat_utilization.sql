{#- seat_utilization(active_users, seats): active users in the month over the seats of the
    paying versions in force at the close; null without paid seats. -#}
{% macro seat_utilization(active_users, seats) -%}
    {{ saas_retention.safe_divide(active_users, seats) }}
{%- endmacro %}
