-- grain: one row per raw row of `nps_responses`, with its fate (used, duplicate or quarantined)
{%- set raw_columns = ['response_id', 'account_id', 'user_id', 'score', 'comment',
                       'responded_at'] %}

with

source as (

    {{ raw_source('nps_responses') }}

),

-- the winning copy of each account id: used, or quarantined (its answers then say so)
account_fates as (

    {{ account_fates() }}

),

cleaned as (

    select
        {{ clean_text('response_id') }} as response_id,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('user_id') }} as user_id,
        {{ clean_text('score') }} as score_text,
        {{ clean_text('comment') }} is not null as has_comment,
        {{ clean_text('responded_at') }} as responded_at_text,
        {{ raw_row_text(raw_columns, pii_columns=['comment']) }} as raw_row

    from source

),

ranked as (

    select
        *,
        -- an integer 0-10 written as digits; '7.5', '-1', 'n/a' are not scores
        case
            when {{ regexp_like('score_text', "'^[0-9]{1,2}$'") }}
                then cast(score_text as {{ dbt.type_int() }})
        end as score,
        {{ parse_timestamp_utc('responded_at_text') }} as responded_at,
        -- no updated_at: among copies of a key, the raw text that sorts last wins
        row_number() over (
            partition by response_id order by {{ sortable_text('raw_row') }} desc
        ) as copy_rank

    from cleaned

),

checked as (

    select
        ranked.*,
        case
            when ranked.response_id is null then 'missing key: response_id'
            when ranked.copy_rank > 1 then null
            when ranked.account_id is null then 'missing required value: account_id'
            when ranked.user_id is null then 'missing required value: user_id'
            when ranked.score_text is null then 'missing required value: score'
            when ranked.responded_at_text is null then 'missing required value: responded_at'
            when account_fates.account_id is null then 'unknown account'
            when account_fates.row_status = 'quarantined' then 'account quarantined'
            when ranked.score is null or ranked.score > 10 then 'score outside 0-10'
            when ranked.responded_at is null then 'unparseable timestamp: responded_at'
            when ranked.responded_at < {{ earliest_date() }}
                then 'date before earliest_date: responded_at'
        end as quarantine_reason

    from ranked
    left join account_fates
        on ranked.account_id = account_fates.account_id

),

final as (

    select
        response_id as record_key,
        raw_row,
        {{ row_status('quarantine_reason', 'copy_rank') }} as row_status,
        quarantine_reason,
        response_id,
        account_id,
        user_id,
        score,
        has_comment,
        responded_at

    from checked

)

select * from final
