{#- is_past_due_beyond_grace(status, valid_from, close_boundary_at): whether a version in force
    at a close has been `past_due` for longer than `past_due_grace_days` at that close (the
    clock starts at the version's valid_from), so that it no longer counts as MRR; always false
    while the policy is unset. -#}
{% macro is_past_due_beyond_grace(status, valid_from, close_boundary_at) -%}
    {%- set grace_days = saas_retention.policy('past_due_grace_days') -%}
    {%- if grace_days is none -%}
        false
    {%- else -%}
        ({{ status }} = 'past_due'
        and {{ saas_retention.seconds_between(valid_from, close_boundary_at) }}
        > {{ grace_days * 86400 }})
    {%- endif -%}
{%- endmacro %}
