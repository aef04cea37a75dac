-- grain: one row per raw row of `accounts`, with its fate (used, duplicate or quarantined)
{%- set raw_columns = ['account_id', 'account_name', 'email', 'country', 'segment',
                       'acquisition_channel', 'created_at', 'updated_at'] %}

with

source as (

    {{ raw_source('accounts') }}

),

cleaned as (

    select
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('account_name') }} as account_name,
        {{ clean_text('email') }} as email_text,
        {{ clean_text('country') }} as country_text,
        lower({{ clean_text('segment') }}) as segment_text,
        lower({{ clean_text('acquisition_channel') }}) as acquisition_channel_text,
        {{ clean_text('created_at') }} as created_at_text,
        {{ clean_text('updated_at') }} as updated_at_text,
        {{ raw_row_text(raw_columns, pii_columns=['email']) }} as raw_row

    from source

),

parsed as (

    select
        *,
        {{ parse_timestamp_utc('created_at_text') }} as created_at,
        {{ parse_timestamp_utc('updated_at_text') }} as updated_at

    from cleaned

),

ranked as (

    select
        *,
        row_number() over (
            partition by account_id
            order by updated_at desc nulls last, {{ sortable_text('raw_row') }} desc
        ) as copy_rank

    from parsed

),

checked as (

    select
        *,
        case
            when account_id is null then 'missing key: account_id'
            when copy_rank > 1 then null
            when created_at_text is null then 'missing required value: created_at'
            when created_at is null then 'unparseable timestamp: created_at'
            when created_at < {{ earliest_date() }} then 'date before earliest_date: created_at'
            when updated_at_text is not null and updated_at is null
                then 'unparseable timestamp: updated_at'
        end as quarantine_reason

    from ranked

),

final as (

    select
        account_id as record_key,
        raw_row,
        {{ row_status('quarantine_reason', 'copy_rank') }} as row_status,
        quarantine_reason,
        account_id,
        account_name,
        {{ pii_hash('email_text') }} as email_hash,
        case
            when {{ regexp_like('country_text', "'^[A-Za-z]{2}$'") }} then upper(country_text)
            else 'unknown'
        end as country,
        case
            when segment_text in ('smb', 'mid_market', 'enterprise') then segment_text
            else 'unknown'
        end as segment,
        coalesce(acquisition_channel_text, 'unknown') as acquisition_channel,
        created_at,
        updated_at

    from checked

)

select * from final
