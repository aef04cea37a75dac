{#-
    incremental_event_cutoff(date_column, through=none): on an incremental run, the first day
    recomputed: `events_lookback_days` before the last day already loaded (so events that
    arrive up to that late are counted); on a full build, a null date (everything is
    computed). `through` (an SQL date), when given, caps "the last day loaded" at that day, for
    a model that also holds rows dated later (a raw row dated in the future must not move the
    cutoff past the days still arriving). Used by the event-derived incremental models, which
    replace every day from the cutoff on.
-#}
{% macro incremental_event_cutoff(date_column, through=none) -%}
    {%- if is_incremental() -%}
        (
            select {{ dbt.dateadd('day', -var('events_lookback_days'), 'max(' ~ date_column ~ ')') }}
            from {{ this }}
            {%- if through is not none %}
            where {{ date_column }} <= {{ through }}
            {%- endif %}
        )
    {%- else -%}
        cast(null as date)
    {%- endif -%}
{%- endmacro %}
