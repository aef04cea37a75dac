{#- events are the largest table by far and six models and the tests read the clean rows:
    a table computes the deduplication once instead of once per reader -#}
{{ config(materialized='table') }}

-- grain: one row per raw row of `events`, with its fate (used, duplicate or quarantined)
{%- set raw_columns = ['event_id', 'account_id', 'user_id', 'event_name', 'feature',
                       'occurred_at', 'session_id'] %}

with

source as (

    select * from {{ source('raw', 'events') }}

),

accounts as (

    select * from {{ ref('stg_raw__accounts') }}

),

cleaned as (

    select
        {{ clean_text('event_id') }} as event_id,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('user_id') }} as user_id,
        lower({{ clean_text('event_name') }}) as event_name,
        lower({{ clean_text('feature') }}) as feature,
        {{ clean_text('occurred_at') }} as occurred_at_text,
        {{ clean_text('session_id') }} as session_id,
        {{ raw_row_text(raw_columns) }} as raw_row

    from source

),

ranked as (

    select
        *,
        -- at-least-once delivery: the copy with the earliest occurred_at is kept
        row_number() over (
            partition by event_id
            order by occurred_at asc nulls last, {{ sortable_text('raw_row') }} desc
        ) as copy_rank

    from (
        select
            *,
            {{ parse_timestamp_utc('occurred_at_text') }} as occurred_at

        from cleaned
    ) as parsed

),

checked as (

    select
        ranked.*,
        case
            when ranked.event_id is null then 'missing key: event_id'
            when ranked.copy_rank > 1 then null
            when ranked.account_id is null then 'missing required value: account_id'
            when ranked.user_id is null then 'missing required value: user_id'
            when ranked.event_name is null then 'missing required value: event_name'
            when ranked.occurred_at_text is null then 'missing required value: occurred_at'
            when accounts.account_id is null then 'unknown account'
            when ranked.occurred_at is null then 'unparseable timestamp: occurred_at'
        end as quarantine_reason

    from ranked
    left join accounts
        on ranked.account_id = accounts.account_id

),

final as (

    select
        event_id as record_key,
        raw_row,
        {{ row_status('quarantine_reason', 'copy_rank') }} as row_status,
        quarantine_reason,
        event_id,
        account_id,
        user_id,
        event_name,
        feature,
        occurred_at,
        session_id

    from checked

)

select * from final
