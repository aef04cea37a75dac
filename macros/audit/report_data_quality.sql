{#-
    report_data_quality(): on-run-end hook that says in words, in the build log, what the data
    tests can only count: for each raw table whose quarantined share is above the warning
    threshold (quarantine_warn_share, from quarantine_min_rows bad rows on), its share, the
    threshold it passed and its top reasons; and, when raw events are in no model (they
    arrived after the days they are dated were built, before the incremental cutoff), how
    many, which days, and the command that repairs it. Quiet when all is well, and after
    commands that build nothing (seed, compile, docs).
-#}
{% macro report_data_quality() -%}
    {%- if execute and flags.WHICH in ('build', 'run', 'test') -%}
        {%- do saas_retention._report_quarantine_shares() -%}
        {%- do saas_retention._report_late_events() -%}
    {%- endif -%}
    select 1 as data_quality_reported
{%- endmacro %}

{% macro _relation_of(schema, identifier) -%}
    {{ return(adapter.get_relation(database=target.database, schema=schema,
                                   identifier=identifier)) }}
{%- endmacro %}

{% macro _report_quarantine_shares() -%}
    {%- set counts = saas_retention._relation_of(target.schema, 'audit_row_counts') -%}
    {%- set quarantine = saas_retention._relation_of(target.schema, 'audit_quarantine') -%}
    {%- if counts is none or quarantine is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set warn_share = var('quarantine_warn_share') | float -%}
    {%- set error_share = var('quarantine_error_share') | float -%}
    {%- set query -%}
        select
            counts.source_table,
            counts.raw_rows,
            counts.quarantined_rows,
            reasons.reason,
            reasons.reason_rows

        from {{ counts }} as counts
        inner join (
            select
                source_table,
                reason,
                count(*) as reason_rows
            from {{ quarantine }}
            group by 1, 2
        ) as reasons
            on counts.source_table = reasons.source_table
        where counts.quarantined_rows >= {{ var('quarantine_min_rows') }}
            and counts.quarantined_rows > {{ warn_share }} * counts.raw_rows
        order by 1, 5 desc, 4
    {%- endset -%}
    {%- set reported = {} -%}
    {%- for row in run_query(query).rows -%}
        {%- if row[0] not in reported -%}
            {%- do reported.update({row[0]: {'raw': row[1], 'quarantined': row[2], 'reasons': []}}) -%}
        {%- endif -%}
        {%- do reported[row[0]]['reasons'].append(row[3] ~ ' (' ~ row[4] ~ ')') -%}
    {%- endfor -%}
    {%- for table, figures in reported.items() -%}
        {%- set share = figures['quarantined'] / figures['raw'] -%}
        {%- set level, threshold, name = ('ERROR', error_share, 'quarantine_error_share')
            if share > error_share else ('WARNING', warn_share, 'quarantine_warn_share') -%}
        {{ log('Data quality ' ~ level ~ ': ' ~ figures['quarantined'] ~ ' of the '
            ~ figures['raw'] ~ ' raw rows of `' ~ table ~ '` ('
            ~ '%.1f' | format(share * 100) ~ ' %) are quarantined, above ' ~ name ~ ' = '
            ~ '%g' | format(threshold * 100) ~ ' %. Top reasons: '
            ~ figures['reasons'][:3] | join('; ') ~ '. Every such row, with its reason, is in '
            ~ 'audit_quarantine; fix them at the source or in the loader.', info=True) }}
    {%- endfor -%}
{%- endmacro %}

{% macro _report_late_events() -%}
    {%- set built = saas_retention._relation_of(target.schema, 'base_raw__events') -%}
    {%- set raw = saas_retention._relation_of(var('raw_schema'), 'events') -%}
    {%- if built is none or raw is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set counts = run_query('select (select count(*) from ' ~ raw ~ ') as raw_rows, '
        ~ '(select count(*) from ' ~ built ~ ') as built_rows').rows[0] -%}
    {%- if counts[0] <= counts[1] -%}
        {{ return(none) }}
    {%- endif -%}
    {#- the raw copies of each event_id beyond those the model holds: the late ones -#}
    {%- set query -%}
        with

        raw_events as (

            select
                coalesce({{ saas_retention.clean_text('event_id') }}, '<missing>') as event_id,
                cast({{ saas_retention.parse_timestamp_utc(
                    saas_retention.clean_text('occurred_at')) }} as date) as event_day
            from {{ raw }}

        ),

        built_copies as (

            select
                coalesce(event_id, '<missing>') as event_id,
                count(*) as copies
            from {{ built }}
            group by 1

        ),

        raw_copies as (

            select
                event_id,
                count(*) as copies
            from raw_events
            group by 1

        ),

        short as (

            select raw_copies.event_id
            from raw_copies
            left join built_copies
                on raw_copies.event_id = built_copies.event_id
            where raw_copies.copies > coalesce(built_copies.copies, 0)

        )

        select
            raw_events.event_day,
            count(*) as raw_rows
        from raw_events
        inner join short
            on raw_events.event_id = short.event_id
        group by 1
        order by 1
    {%- endset -%}
    {%- set days = run_query(query).rows -%}
    {%- set listed = [] -%}
    {%- for row in days[:10] -%}
        {%- do listed.append((row[0] | string) ~ ' (' ~ row[1] ~ ' raw rows)') -%}
    {%- endfor -%}
    {{ log('Late events ERROR: ' ~ (counts[0] - counts[1]) ~ ' raw events are in no model: '
        ~ 'they arrived after the days they are dated were built, before the incremental '
        ~ 'cutoff (events_lookback_days = ' ~ var('events_lookback_days') ~ '), so the '
        ~ 'engagement marts of those days miss them. Days of the event_ids concerned: '
        ~ listed | join(', ') ~ ('' if days | length <= 10 else ', ...') ~ '. Repair with: '
        ~ 'dbt build --full-refresh --select base_raw__events+ (and raise '
        ~ 'events_lookback_days if events often arrive this late).', info=True) }}
{%- endmacro %}
