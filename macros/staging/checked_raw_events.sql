{#-
    checked_raw_events(cutoff, undated, of_event_ids=none, raw_row_for_all=false): for
    base_raw__events, the raw rows of `events` this run computes (all of them on a full build;
    on an incremental run those dated from `cutoff` on, and every row of the `undated`
    partition), cleaned, parsed and given the checks that do not depend on the copy's rank.
    The raw text (`raw_row`) is built only for the rows that may not be used, or for every row
    with `raw_row_for_all` (the copy tie-break sorts by it); `of_event_ids` (a relation with an
    `event_id` column), when given, keeps only the rows of those event_ids, before the parse,
    and builds the raw text for all of them.
    Written once, used twice on a full build: the few rows of repeated event_ids are read
    again from the raw table rather than split off the one pass over all rows, which an engine
    stores whole to read twice (at 100 M events DuckDB spilled it to disk, and it cost half the
    build). An incremental batch is small: it is stored, with the raw text of every row.
-#}
{%- macro checked_raw_events(cutoff, undated, of_event_ids=none, raw_row_for_all=false) -%}
    {%- set raw_columns = ['event_id', 'account_id', 'user_id', 'event_name', 'feature',
                           'occurred_at', 'session_id'] -%}
    with

    timed as (

        -- the raw values (kept for raw_row), and occurred_at parsed first: an incremental
        -- run chooses its rows by it before cleaning the other columns
        select
            event_id as raw_event_id,
            account_id as raw_account_id,
            user_id as raw_user_id,
            event_name as raw_event_name,
            feature as raw_feature,
            occurred_at as raw_occurred_at,
            session_id as raw_session_id,
            {{ clean_text('occurred_at') }} as occurred_at_text

        from ({{ raw_source('events') }}) as raw_events
        {%- if of_event_ids is not none %}
        where {{ clean_text('event_id') }} in (select event_id from {{ of_event_ids }})
        {%- endif %}

    ),

    parsed as (

        select
            *,
            {{ parse_timestamp_utc('occurred_at_text') }} as occurred_at

        from timed

    ),

    dated as (

        select
            *,
            coalesce(cast(occurred_at as date), {{ undated }}) as partition_date

        from parsed

    ),

    batch as (

        select * from dated
        where {{ cutoff }} is null
            or partition_date >= {{ cutoff }}
            or partition_date = {{ undated }}

    ),

    cleaned as (

        select
            {{ clean_text('raw_event_id') }} as event_id,
            {{ clean_text('raw_account_id') }} as account_id,
            {{ clean_text('raw_user_id') }} as user_id,
            lower({{ clean_text('raw_event_name') }}) as event_name,
            lower({{ clean_text('raw_feature') }}) as feature,
            occurred_at_text,
            occurred_at,
            {{ clean_text('raw_session_id') }} as session_id,
            partition_date,
            raw_event_id,
            raw_account_id,
            raw_user_id,
            raw_event_name,
            raw_feature,
            raw_occurred_at,
            raw_session_id

        from batch

    ),

    checked as (

        select
            cleaned.*,
            case
                when cleaned.account_id is null then 'missing required value: account_id'
                when cleaned.user_id is null then 'missing required value: user_id'
                when cleaned.event_name is null then 'missing required value: event_name'
                when cleaned.occurred_at_text is null
                    then 'missing required value: occurred_at'
                when account_fates.account_id is null then 'unknown account'
                when account_fates.row_status = 'quarantined' then 'account quarantined'
                when cleaned.occurred_at is null then 'unparseable timestamp: occurred_at'
                when cleaned.occurred_at < {{ saas_retention.earliest_date() }}
                    then 'date before earliest_date: occurred_at'
            end as first_copy_reason

        from cleaned
        left join ({{ saas_retention.account_fates() }}) as account_fates
            on cleaned.account_id = account_fates.account_id

    )

    select
        event_id,
        account_id,
        user_id,
        event_name,
        feature,
        occurred_at,
        session_id,
        partition_date,
        first_copy_reason,
        {%- if of_event_ids is none and not raw_row_for_all %}
        case
            when event_id is null or first_copy_reason is not null
                then {{ raw_row_text(raw_columns, value_prefix='raw_') }}
        end as raw_row
        {%- else %}
        {{ raw_row_text(raw_columns, value_prefix='raw_') }} as raw_row
        {%- endif %}

    from checked
{%- endmacro %}
