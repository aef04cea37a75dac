{#- movement_driver(movement, plan_id, previous_plan_id, seats, previous_seats): what drove an
    expansion or a contraction: `plan` when the plan at the close (of the largest paying
    version) changed, else `seats` when the paying seats changed, else `price` (the same plan
    and seats at another amount); null for any other movement. -#}
{% macro movement_driver(movement, plan_id, previous_plan_id, seats, previous_seats) -%}
    case
        when {{ movement }} not in ('expansion', 'contraction') then null
        when coalesce({{ plan_id }}, '') != coalesce({{ previous_plan_id }}, '') then 'plan'
        when {{ seats }} != {{ previous_seats }} then 'seats'
        else 'price'
    end
{%- endmacro %}
