{#- is_cancellation_recognized(cancel_requested_at, close_boundary_at): whether a version
    whose customer asked to cancel no longer counts at a close, under `churn_recognition`:
    with `cancellation`, from the first close after the request (the subscription may still
    run to its end); with `period_end` (the default), never: a version counts until its
    valid_to. -#}
{% macro is_cancellation_recognized(cancel_requested_at, close_boundary_at) -%}
    {%- if saas_retention.policy('churn_recognition') == 'period_end' -%}
        false
    {%- else -%}
        ({{ cancel_requested_at }} is not null
        and {{ cancel_requested_at }} < {{ close_boundary_at }})
    {%- endif -%}
{%- endmacro %}
