{#-
    incremental_event_cutoff(date_column): on an incremental run, the first day recomputed:
    `events_lookback_days` before the last day already loaded (so events that arrive up to
    that late are counted); on a full build, a null date (everything is computed). Used by the
    event-derived incremental models, which replace every day from the cutoff on.
-#}
{% macro incremental_event_cutoff(date_column) -%}
    {%- if is_incremental() -%}
        (
            select {{ dbt.dateadd('day', -var('events_lookback_days'), 'max(' ~ date_column ~ ')') }}
            from {{ this }}
        )
    {%- else -%}
        cast(null as date)
    {%- endif -%}
{%- endmacro %}
