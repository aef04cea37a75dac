-- grain: one row per raw row of `exchange_rates`, with its fate (used, duplicate or quarantined)
{%- set raw_columns = ['month', 'currency', 'rate_to_reporting'] %}

with

source as (

    {{ raw_source('exchange_rates') }}

),

cleaned as (

    select
        {{ clean_text('month') }} as month_text,
        {{ clean_text('currency') }} as currency_text,
        upper({{ clean_text('currency') }}) as currency,
        {{ clean_text('rate_to_reporting') }} as rate_text,
        {{ raw_row_text(raw_columns) }} as raw_row

    from source

),

parsed as (

    select
        *,
        -- a date, read as written (no shift to UTC)
        {{ parse_date('month_text') }} as month_date,
        {{ number_check('rate_text', 'rate_to_reporting', 'rate') }} as rate_failure,
        {{ parse_number('rate_text', 'rate') }} as rate_to_reporting

    from cleaned

),

keyed as (

    select
        *,
        -- the key: the month as a date where it parses (so '2024-03-01' and
        -- '2024-03-01T00:00:00Z' are one key), else its text
        {{ dbt.concat([
            "coalesce(cast(month_date as " ~ dbt.type_string() ~ "), month_text)",
            "'|'",
            "currency",
        ]) }} as rate_key,
        -- the rate as compared between copies: '1.1' and '1.10' are one rate; a missing or
        -- unreadable rate differs from every rate
        coalesce(
            cast(rate_to_reporting as {{ dbt.type_string() }}),
            {{ dbt.concat(["'<unreadable>'", "coalesce(rate_text, '')"]) }}
        ) as rate_value

    from parsed

),

ranked as (

    select
        *,
        -- no updated_at: among copies of a key, the raw text that sorts last wins
        row_number() over (
            partition by rate_key order by {{ sortable_text('raw_row') }} desc
        ) as copy_rank,
        min(rate_value) over (partition by rate_key) as min_rate_value,
        max(rate_value) over (partition by rate_key) as max_rate_value

    from keyed

),

checked as (

    select
        *,
        case
            when month_text is null then 'missing key: month'
            when currency is null then 'missing key: currency'
            -- copies with different rates are all quarantined, none is a duplicate
            when min_rate_value != max_rate_value then 'conflicting rates'
            when copy_rank > 1 then null
            when rate_text is null then 'missing required value: rate_to_reporting'
            when rate_failure is not null then rate_failure
            when not {{ regexp_like('currency', "'^[A-Z]{3}$'") }} then 'unknown currency'
            when rate_to_reporting <= 0 then 'rate <= 0'
            when month_date is null then 'unparseable timestamp: month'
            when month_date != cast({{ dbt.date_trunc('month', 'month_date') }} as date)
                then 'unparseable timestamp: month is not the first day of a month'
        end as quarantine_reason

    from ranked

),

final as (

    select
        {{ dbt.concat(['month_text', "'|'", 'currency_text']) }} as record_key,
        raw_row,
        {{ row_status('quarantine_reason', 'copy_rank') }} as row_status,
        quarantine_reason,
        month_date as month,
        currency,
        rate_to_reporting

    from checked

)

select * from final
