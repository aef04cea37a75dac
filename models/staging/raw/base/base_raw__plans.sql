-- grain: one row per raw row of `plans`, with its fate (used, duplicate or quarantined)
{%- set raw_columns = ['plan_id', 'plan_name', 'tier', 'billing_interval', 'list_price',
                       'currency'] %}

with

source as (

    {{ raw_source('plans') }}

),

rates as (

    select * from {{ ref('base_raw__exchange_rates') }}
    where row_status = 'used'

),

currencies_with_rates as (

    select distinct currency from rates

),

cleaned as (

    select
        {{ clean_text('plan_id') }} as plan_id,
        {{ clean_text('plan_name') }} as plan_name,
        lower({{ clean_text('tier') }}) as tier,
        lower({{ clean_text('billing_interval') }}) as billing_interval,
        {{ clean_text('list_price') }} as list_price_text,
        upper({{ clean_text('currency') }}) as currency,
        {{ raw_row_text(raw_columns) }} as raw_row

    from source

),

ranked as (

    select
        *,
        {{ number_check('list_price_text', 'list_price', 'amount') }} as list_price_failure,
        {{ parse_number('list_price_text', 'amount') }} as list_price,
        -- no updated_at: among copies of a key, the raw text that sorts last wins
        row_number() over (
            partition by plan_id order by {{ sortable_text('raw_row') }} desc
        ) as copy_rank

    from cleaned

),

checked as (

    select
        ranked.*,
        case
            when ranked.plan_id is null then 'missing key: plan_id'
            when ranked.copy_rank > 1 then null
            when ranked.billing_interval is null then 'missing required value: billing_interval'
            when ranked.list_price_text is null then 'missing required value: list_price'
            when ranked.currency is null then 'missing required value: currency'
            when ranked.list_price_failure is not null then ranked.list_price_failure
            when ranked.list_price < 0 then 'negative amount: list_price'
            when ranked.billing_interval not in {{ billing_intervals() }}
                then 'unknown billing_interval'
            when ranked.currency != '{{ var("reporting_currency") }}'
                and currencies_with_rates.currency is null
                then 'unknown currency'
        end as quarantine_reason

    from ranked
    left join currencies_with_rates
        on ranked.currency = currencies_with_rates.currency

),

final as (

    select
        plan_id as record_key,
        raw_row,
        {{ row_status('quarantine_reason', 'copy_rank') }} as row_status,
        quarantine_reason,
        plan_id,
        plan_name,
        tier,
        billing_interval,
        list_price,
        currency

    from checked

)

select * from final
