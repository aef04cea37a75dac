{#-
    row_status(quarantine_reason, copy_rank): the fate of a raw row in the contract's order:
    `quarantined` when a check failed (a missing key included), else `duplicate` when a later
    copy of the same key won, else `used`.
-#}
{% macro row_status(quarantine_reason, copy_rank) -%}
    case
        when {{ quarantine_reason }} is not null then 'quarantined'
        when {{ copy_rank }} > 1 then 'duplicate'
        else 'used'
    end
{%- endmacro %}
