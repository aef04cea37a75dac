{#- events are the largest table by far and six models and the tests read the clean rows:
    an incremental table computes the deduplication once, and later runs only for the raw
    rows dated from the cutoff on (see the YAML description) -#}
{{ config(**event_incremental_config('partition_date')) }}

-- grain: one row per raw row of `events`, with its fate (used, duplicate or quarantined)
{%- set raw_columns = ['event_id', 'account_id', 'user_id', 'event_name', 'feature',
                       'occurred_at', 'session_id'] %}
{#- the partition of the rows whose occurred_at is missing or does not parse: recomputed on
    every run -#}
{%- set undated = "cast('1900-01-01' as date)" %}
{%- set cutoff = incremental_event_cutoff('partition_date', through=as_of_date()) %}

with

source as (

    select * from {{ source('raw', 'events') }}

),

accounts as (

    select * from {{ ref('stg_raw__accounts') }}

),

-- the raw values (kept for raw_row), and occurred_at parsed first: an incremental run
-- chooses its rows by it before cleaning the other columns
timed as (

    select
        event_id as raw_event_id,
        account_id as raw_account_id,
        user_id as raw_user_id,
        event_name as raw_event_name,
        feature as raw_feature,
        occurred_at as raw_occurred_at,
        session_id as raw_session_id,
        {{ clean_text('occurred_at') }} as occurred_at_text

    from source

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

-- the raw rows this run computes: all of them on a full build; on an incremental run those
-- dated from the cutoff on, and every undated one
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

{% if is_incremental() -%}
-- copies of the batch's event_ids loaded by earlier runs: dated before the cutoff, so earlier
-- than every copy in the batch
earlier_copies as (

    select
        event_id,
        count(*) as copies

    from {{ this }}
    where partition_date < {{ cutoff }}
        and partition_date != {{ undated }}
        and event_id in (select cleaned.event_id from cleaned)
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
        from cleaned
        group by 1
        having count(*) > 1

        union

        select event_id from earlier_copies
    {% else %}
        select {{ clean_text('event_id') }} as event_id
        from {{ source('raw', 'events') }}
        group by 1
        having count(*) > 1
    {% endif %}

),

-- the checks that do not depend on the copy's rank
checked_first_copy as (

    select
        cleaned.*,
        repeated_event_ids.event_id is not null as is_repeated,
        case
            when cleaned.account_id is null then 'missing required value: account_id'
            when cleaned.user_id is null then 'missing required value: user_id'
            when cleaned.event_name is null then 'missing required value: event_name'
            when cleaned.occurred_at_text is null then 'missing required value: occurred_at'
            when accounts.account_id is null then 'unknown account'
            when cleaned.occurred_at is null then 'unparseable timestamp: occurred_at'
        end as first_copy_reason

    from cleaned
    left join repeated_event_ids
        on cleaned.event_id = repeated_event_ids.event_id
    left join accounts
        on cleaned.account_id = accounts.account_id

),

-- the raw text only for the rows that may not be used (copies, a missing key, a failed
-- check): used rows never need it, and it is the widest column by far
flagged as (

    select
        event_id,
        account_id,
        user_id,
        event_name,
        feature,
        occurred_at,
        session_id,
        partition_date,
        is_repeated,
        first_copy_reason,
        case
            when is_repeated or event_id is null or first_copy_reason is not null
                then {{ raw_row_text(raw_columns, value_prefix='raw_') }}
        end as raw_row

    from checked_first_copy

),

ranked_in_batch as (

    select
        *,
        cast(1 as {{ dbt.type_bigint() }}) as batch_rank

    from flagged
    where not is_repeated

    union all

    select
        *,
        -- at-least-once delivery: the copy with the earliest occurred_at is kept
        row_number() over (
            partition by event_id
            order by occurred_at asc nulls last, {{ sortable_text('raw_row') }} desc
        ) as batch_rank

    from flagged
    where is_repeated

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
