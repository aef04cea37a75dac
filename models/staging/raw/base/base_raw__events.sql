{#- events are the largest table by far and six models and the tests read the clean rows:
    an incremental table computes the deduplication once, and later runs only for the raw
    rows dated from the cutoff on (see the YAML description) -#}
{{ config(**event_incremental_config('partition_date')) }}

-- grain: one row per raw row of `events`, with its fate (used, duplicate or quarantined)
{#- the partition of the rows whose occurred_at is missing or does not parse: recomputed on
    every run -#}
{%- set undated = "cast('1900-01-01' as date)" %}
{%- set cutoff = incremental_event_cutoff('partition_date', through=as_of_date()) %}

with

-- the raw rows this run computes, cleaned and checked (checked_raw_events): every row on a full
-- build; an incremental batch is small and keeps the raw text of every row, to rank its
-- repeated copies by
batch as (

    {{ checked_raw_events(cutoff, undated, raw_row_for_all=is_incremental()) }}

),

{% if is_incremental() -%}
    -- copies of the batch's event_ids loaded by earlier runs: dated before the cutoff, so
    -- earlier than every copy in the batch
    earlier_copies as (

        select
            event_id,
            count(*) as copies

        from {{ this }}
        where partition_date < {{ cutoff }}
            and partition_date != {{ undated }}
            and event_id in (select batch.event_id from batch)
        group by 1

    ),

{% endif -%}

-- most event_ids have one copy: only those with several are ranked (a window over all rows
-- would sort the whole table). A full build counts them straight from the raw table (a second
-- scan of one column costs less than holding every row until the count is done); an
-- incremental run counts the batch and adds the event_ids with copies from earlier runs.
repeated_event_ids as (

    {% if is_incremental() %}
        select event_id
        from batch
        group by 1
        having count(*) > 1

        union

        select event_id from earlier_copies
    {% else %}
        select {{ clean_text('event_id') }} as event_id
        from ({{ raw_source('events') }}) as raw_events
        group by 1
        having count(*) > 1
    {% endif %}

),

-- the rows of event_ids with one copy: their own first copy
single_copies as (

    select
        batch.*,
        cast(1 as {{ dbt.type_bigint() }}) as batch_rank

    from batch
    left join repeated_event_ids
        on batch.event_id = repeated_event_ids.event_id
    where repeated_event_ids.event_id is null

),

-- the rows of repeated event_ids: a full build reads them again from the raw table (a scan
-- of one column finds them) rather than split them off the pass over every row; an incremental
-- batch is small and holds them already
repeated_copies as (

    {% if is_incremental() %}
        select * from batch
        where event_id in (select repeated_event_ids.event_id from repeated_event_ids)
    {% else %}
        {{ checked_raw_events(cutoff, undated, of_event_ids='repeated_event_ids') }}
    {% endif %}

),

ranked_in_batch as (

    select * from single_copies

    union all

    select
        *,
        -- at-least-once delivery: the copy with the earliest occurred_at is kept
        row_number() over (
            partition by event_id
            order by occurred_at asc nulls last, {{ sortable_text('raw_row') }} desc
        ) as batch_rank

    from repeated_copies

),

ranked as (

    {% if is_incremental() %}
        select
            ranked_in_batch.*,
            ranked_in_batch.batch_rank + coalesce(earlier_copies.copies, 0) as copy_rank
        from ranked_in_batch
        left join earlier_copies
            on ranked_in_batch.event_id = earlier_copies.event_id
    {% else %}
        select
            *,
            batch_rank as copy_rank
        from ranked_in_batch
    {% endif %}

),

checked as (

    select
        *,
        case
            when event_id is null then 'missing key: event_id'
            when copy_rank > 1 then null
            else first_copy_reason
        end as quarantine_reason

    from ranked

),

with_status as (

    select
        *,
        {{ row_status('quarantine_reason', 'copy_rank') }} as row_status

    from checked

),

final as (

    select
        -- the audit columns are for the rows not used (the audit shows them): for used rows
        -- they would only be written again at every build
        case when row_status != 'used' then event_id end as record_key,
        case when row_status != 'used' then raw_row end as raw_row,
        row_status,
        quarantine_reason,
        event_id,
        account_id,
        user_id,
        event_name,
        feature,
        occurred_at,
        session_id,
        partition_date

    from with_status

)

select * from final
