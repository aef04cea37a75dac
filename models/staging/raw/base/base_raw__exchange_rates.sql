-- grain: one row per raw row of `exchange_rates`, with its fate (used, duplicate or quarantined)
{%- set raw_columns = ['month', 'currency', 'rate_to_reporting'] %}

with

source as (

    select * from {{ source('raw', 'exchange_rates') }}

),

cleaned as (

    select
        {{ clean_text('month') }} as month_text,
        upper({{ clean_text('currency') }}) as currency,
        {{ clean_text('rate_to_reporting') }} as rate_text,
        {{ raw_row_text(raw_columns) }} as raw_row

    from source

),

parsed as (

    select
        *,
        cast(
            {{ dbt.date_trunc('month', parse_timestamp_utc('month_text')) }} as date
        ) as month_start,
        {{ parse_decimal('rate_text') }} as rate_to_reporting

    from cleaned

),

keyed as (

    select
        *,
        -- the key: the month as a date where it parses (so '2024-03-01' and
        -- '2024-03-01T00:00:00Z' are one key), else its text
        {{ dbt.concat([
            "coalesce(cast(month_start as " ~ dbt.type_string() ~ "), month_text)",
            "'|'",
            "currency",
        ]) }} as rate_key

    from parsed

),

ranked as (

    select
        *,
        -- no updated_at: among copies of a key, the raw text that sorts last wins
        row_number() over (partition by rate_key order by raw_row desc) as copy_rank,
        min(rate_to_reporting) over (partition by rate_key) as min_rate,
        max(rate_to_reporting) over (partition by rate_key) as max_rate

    from keyed

),

checked as (

    select
        *,
        case
            when month_text is null then 'missing key: month'
            when currency is null then 'missing key: currency'
            -- conflicting copies are all quarantined, none is a duplicate
            when min_rate != max_rate then 'conflicting rates'
            when copy_rank > 1 then null
            when rate_text is null then 'missing required value: rate_to_reporting'
            when rate_to_reporting is null then 'invalid number: rate_to_reporting'
            when not {{ regexp_like('currency', "'^[A-Z]{3}$'") }} then 'unknown currency'
            when rate_to_reporting <= 0 then 'rate <= 0'
            when month_start is null then 'unparseable timestamp: month'
        end as quarantine_reason

    from ranked

),

final as (

    select
        {{ dbt.concat(['month_text', "'|'", 'currency']) }} as record_key,
        raw_row,
        {{ row_status('quarantine_reason', 'copy_rank') }} as row_status,
        quarantine_reason,
        month_start as month,
        currency,
        rate_to_reporting

    from checked

)

select * from final
