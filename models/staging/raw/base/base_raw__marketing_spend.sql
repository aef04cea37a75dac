-- grain: one row per raw row of `marketing_spend`, with its fate (used or quarantined; the
-- table has no key, so two identical rows are two spends and nothing is a duplicate)
{%- set raw_columns = ['spend_date', 'channel', 'amount', 'currency'] %}

with

source as (

    {{ raw_source('marketing_spend') }}

),

rates as (

    select * from {{ ref('base_raw__exchange_rates') }}
    where row_status = 'used'

),

first_rate_months as (

    select
        currency,
        min(month) as first_rate_month

    from rates
    group by 1

),

cleaned as (

    select
        {{ clean_text('spend_date') }} as spend_date_text,
        {{ clean_text('channel') }} as channel_text,
        {{ clean_text('amount') }} as amount_text,
        upper({{ clean_text('currency') }}) as currency,
        {{ raw_row_text(raw_columns) }} as raw_row

    from source

),

parsed as (

    select
        *,
        {{ parse_date('spend_date_text') }} as spend_date,
        {{ number_check('amount_text', 'amount', 'amount') }} as amount_failure,
        {{ parse_number('amount_text', 'amount') }} as amount

    from cleaned

),

checked as (

    select
        parsed.*,
        case
            when parsed.spend_date_text is null then 'missing required value: spend_date'
            when parsed.amount_text is null then 'missing required value: amount'
            when parsed.currency is null then 'missing required value: currency'
            when parsed.amount_failure is not null then parsed.amount_failure
            when parsed.amount < 0 then 'negative amount'
            when parsed.currency != '{{ var("reporting_currency") }}'
                and parsed.spend_date is not null
                and (
                    first_rate_months.first_rate_month is null
                    or first_rate_months.first_rate_month
                    > cast({{ dbt.date_trunc('month', 'parsed.spend_date') }} as date)
                )
                then 'unknown currency: no exchange rate at or before the spend month'
            when parsed.spend_date is null then 'unparseable timestamp: spend_date'
            when parsed.spend_date < {{ earliest_date() }}
                then 'date before earliest_date: spend_date'
        end as quarantine_reason

    from parsed
    left join first_rate_months
        on parsed.currency = first_rate_months.currency

),

final as (

    select
        -- no key: the trimmed parts joined by '|' (null when a part is missing)
        {{ dbt.concat(['spend_date_text', "'|'", 'channel_text']) }} as record_key,
        raw_row,
        {{ row_status('quarantine_reason', '1') }} as row_status,
        quarantine_reason,
        -- the spend's own key: its raw text and its ordinal among identical rows (which are
        -- separate spends, and interchangeable)
        {{ dbt.hash(dbt.concat([
            'raw_row', "'|'",
            'cast(row_number() over (partition by raw_row order by raw_row) as '
            ~ dbt.type_string() ~ ')',
        ])) }} as spend_id,
        spend_date,
        coalesce(lower(channel_text), 'unknown') as channel,
        amount,
        currency

    from checked

)

select * from final
