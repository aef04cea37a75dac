-- grain: one row per usable spend row dated on or before as_of_date (identical rows are separate
-- spends), in the reporting currency at the rate of the spend month (or the latest earlier
-- month with a rate)

with

spend as (

    select * from {{ ref('stg_raw__marketing_spend') }}

),

rates as (

    select * from {{ ref('int_exchange_rates_needed') }}

),

final as (

    select
        spend.spend_id,
        spend.spend_date,
        cast({{ dbt.date_trunc('month', 'spend.spend_date') }} as date) as spend_month,
        spend.channel,
        spend.amount,
        spend.currency,
        rates.rate_to_reporting,
        spend.amount * rates.rate_to_reporting as amount_reporting

    from spend
    left join rates
        on spend.currency = rates.currency
        and cast({{ dbt.date_trunc('month', 'spend.spend_date') }} as date) = rates.month
    where spend.spend_date <= {{ as_of_date() }}

)

select * from final
